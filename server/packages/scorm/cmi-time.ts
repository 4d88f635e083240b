/** SCORM time values as seconds: 1.2 CMITimespan (HHHH:MM:SS.SS) and 2004 timeinterval (ISO 8601 duration). */

const TIMESPAN_12 = /^(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?$/;
const N = String.raw`(\d+(?:\.\d+)?)`;
const DURATION = new RegExp(`^P(?:${N}Y)?(?:${N}M)?(?:${N}D)?(?:T(?:${N}H)?(?:${N}M)?(?:${N}S)?)?$`);

export function timespanSeconds(v: string): number | null {
  const m = TIMESPAN_12.exec(v);
  if (!m) return null;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + (m[4] ? Number(m[4]) : 0);
}

/** Years and months as 365 and 30 days, as SCORM run-times do; null when it is not a duration. */
export function durationSeconds(v: string): number | null {
  const m = DURATION.exec(v);
  if (!m || v === 'P' || v.endsWith('T')) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => (x ? Number(x) : 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return ((y * 365 + mo * 30 + d) * 24 + h) * 3600 + mi * 60 + s;
}

export const sessionSeconds = (v: string) => timespanSeconds(v) ?? durationSeconds(v);

/** xAPI result.duration from seconds (hundredths kept). */
export const isoSeconds = (seconds: number) => `PT${Math.round(Math.max(0, seconds) * 100) / 100}S`;

/** SCORM 1.2 cmi.core.total_time from seconds. */
export function timespan(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}
