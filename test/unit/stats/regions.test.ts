import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES } from '../../../server/accounts/countries.js';
import { REGIONS, regionOf, unplacedCountries } from '../../../server/accounts/regions.js';

describe('UN regions of the yearly report', () => {
  it('places every country code in one region (Antarctica in none)', () => {
    expect(unplacedCountries()).toEqual([]);
    expect(regionOf('AQ')).toBe('other');
    expect(COUNTRY_CODES.every((c) => REGIONS.includes(regionOf(c)))).toBe(true);
  });

  it('splits the Americas as UN reports do', () => {
    expect([regionOf('US'), regionOf('CA'), regionOf('MX'), regionOf('BR'), regionOf('JM')]).toEqual([
      'northernAmerica',
      'northernAmerica',
      'latinAmerica',
      'latinAmerica',
      'latinAmerica',
    ]);
    expect([regionOf('KE'), regionOf('KG'), regionOf('FR'), regionOf('FJ')]).toEqual([
      'africa',
      'asia',
      'europe',
      'oceania',
    ]);
  });
});
