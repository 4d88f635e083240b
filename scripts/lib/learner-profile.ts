/**
 * The profile of a generated learner (country, sex, sector), one definition for the traffic
 * generator, the stats bench and the demo programme, so their populations look alike.
 */
import { SECTORS, type Sex, type UserProfile } from '../../server/store/store.js';
import type { Random } from './random.js';

/** Countries the programme works in (ISO 3166-1 alpha-2). */
export const COUNTRIES = [
  'KG',
  'UZ',
  'TJ',
  'KZ',
  'LB',
  'BR',
  'CO',
  'MX',
  'PE',
  'ZA',
  'UG',
  'KE',
  'NG',
  'PS',
  'JO',
  'EG',
  'TN',
  'MA',
  'PH',
  'ID',
  'TH',
  'VN',
  'PK',
  'BD',
  'LK',
  'RU',
  'UA',
  'MD',
  'FR',
  'ES',
  'PT',
  'AO',
  'MZ',
  'SN',
  'CI',
  'CM',
] as const;

export type LearnerProfile = Pick<UserProfile, 'country' | 'sex' | 'sector'>;

/** Draws a profile from `r`: a country, a sex (about even, a few undisclosed) and a sector. */
export function learnerProfile(r: Random): LearnerProfile {
  return {
    country: r.pick(COUNTRIES),
    sex: r.weighted<Sex>([
      ['female', 48],
      ['male', 46],
      ['another', 1],
      ['undisclosed', 5],
    ]),
    sector: r.pick(SECTORS),
  };
}
