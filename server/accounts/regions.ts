import { COUNTRY_CODES } from './countries.js';

/**
 * The regions of the UN statistical standard M49, with the Americas split into Latin America and the
 * Caribbean and Northern America as UN reports do. Taiwan, Kosovo and Antarctica follow UN practice:
 * Eastern Asia, Southern Europe, and no region.
 */
export const REGIONS = ['africa', 'latinAmerica', 'northernAmerica', 'asia', 'europe', 'oceania', 'other'] as const;
export type Region = (typeof REGIONS)[number];

const MEMBERS: Record<Exclude<Region, 'other'>, string> = {
  africa:
    'DZ EG LY MA SD TN EH IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW AO CM CF TD CG CD GQ GA ' +
    'ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG',
  latinAmerica:
    'AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI BZ CR SV GT HN MX NI PA AR ' +
    'BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE',
  northernAmerica: 'BM CA GL PM US',
  asia:
    'KZ KG TJ TM UZ CN HK MO KP JP MN KR TW BN KH ID LA MY MM PH SG TH TL VN AF BD BT IN IR MV NP PK LK AM AZ BH CY ' +
    'GE IQ IL JO KW LB OM QA SA PS SY TR AE YE',
  europe:
    'BY BG CZ HU PL MD RO RU SK UA AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB AL AD BA HR GI GR VA IT MT ME MK ' +
    'PT SM RS SI ES XK AT BE FR DE LI LU MC NL CH',
  oceania: 'AU NZ HM NF CX CC FJ NC PG SB VU GU KI MH FM NR MP PW UM AS CK PF NU PN WS TK TO TV WF',
};

const BY_COUNTRY = new Map<string, Region>(
  Object.entries(MEMBERS).flatMap(([region, codes]) => codes.split(' ').map((c) => [c, region as Region])),
);

/** The region a country belongs to; 'other' for Antarctica and any code not placed. */
export const regionOf = (code: string): Region => BY_COUNTRY.get(code) ?? 'other';

/** Codes placed in no region (Antarctica aside), for the test that keeps the table complete. */
export function unplacedCountries(): string[] {
  return COUNTRY_CODES.filter((c) => c !== 'AQ' && !BY_COUNTRY.has(c));
}
