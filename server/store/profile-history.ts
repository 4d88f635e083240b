/**
 * A learner's disaggregation profile over time (docs/statistics.md): each entry holds from its
 * `from` instant until the next. Kept with the account (erased with it), appended in the same write
 * as the profile change, and read by the statistics rebuild so that history is not rewritten.
 */
export interface ProfileDims {
  country: string;
  sex: string;
  sector: string;
}
export interface ProfileEntry extends ProfileDims {
  from: number;
}

/** The history after a profile change; unchanged dimensions add no entry. */
export function appendProfile(
  history: ProfileEntry[] | null,
  current: ProfileDims,
  next: ProfileDims,
  at: Date,
): ProfileEntry[] {
  const base = history?.length ? history : [{ from: 0, ...current }];
  const last = base[base.length - 1]!;
  if (last.country === next.country && last.sex === next.sex && last.sector === next.sector) return base;
  return [...base, { from: at.getTime(), country: next.country, sex: next.sex, sector: next.sector }];
}

/** The profile that held when a statement was stored: the last entry from at or before it, else the first. */
export function profileAt(history: readonly ProfileEntry[] | null, current: ProfileDims, stored: string): ProfileDims {
  if (!history || history.length === 0) return current;
  const t = Date.parse(stored);
  let found = history[0]!;
  for (const e of history) if (e.from <= t) found = e;
  return { country: found.country, sex: found.sex, sector: found.sector };
}
