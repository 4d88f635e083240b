import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES } from '../../server/accounts/countries.js';
import { ALPHA2_BY_NUMERIC, NUMERIC_BY_ALPHA2 } from '../../server/stats/country-numeric.js';
import { classOf, colourOf, MAP_COLOURS, mapBreaks, worldMap, worldShapes } from '../../server/stats/world-map.js';

const atlas = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('world-atlas/countries-110m.json'), 'utf8'),
) as {
  objects: { countries: { geometries: { id?: string; properties: { name: string } }[] } };
};
/** world-atlas's short names where they differ from the English names Intl gives for the same code. */
const SAME_COUNTRY: Record<string, string> = {
  'W. Sahara': 'Western Sahara',
  'United States of America': 'United States',
  'Dem. Rep. Congo': 'Congo - Kinshasa',
  'Dominican Rep.': 'Dominican Republic',
  'Falkland Is.': 'Falkland Islands',
  'Fr. S. Antarctic Lands': 'French Southern Territories',
  "Côte d'Ivoire": 'Côte d’Ivoire',
  'Central African Rep.': 'Central African Republic',
  Congo: 'Congo - Brazzaville',
  'Eq. Guinea': 'Equatorial Guinea',
  eSwatini: 'Eswatini',
  Palestine: 'Palestinian Territories',
  Myanmar: 'Myanmar (Burma)',
  Turkey: 'Türkiye',
  'Solomon Is.': 'Solomon Islands',
  'Bosnia and Herz.': 'Bosnia & Herzegovina',
  Macedonia: 'North Macedonia',
  'Trinidad and Tobago': 'Trinidad & Tobago',
  'S. Sudan': 'South Sudan',
};

describe('the world map', () => {
  it('maps every ISO alpha-2 code Praxis accepts to one numeric code, and back', () => {
    expect([...NUMERIC_BY_ALPHA2.keys()].sort()).toEqual([...COUNTRY_CODES].sort());
    expect(new Set(NUMERIC_BY_ALPHA2.values()).size).toBe(COUNTRY_CODES.length);
    for (const n of NUMERIC_BY_ALPHA2.values()) expect(n).toMatch(/^\d{3}$/);
    expect(NUMERIC_BY_ALPHA2.get('KE')).toBe('404');
    expect(ALPHA2_BY_NUMERIC.get('076')).toBe('BR');
  });

  it('names each world-atlas shape as Intl names the alpha-2 code it maps to', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    const shapes = atlas.objects.countries.geometries.filter((g) => g.id !== undefined);
    expect(shapes.length).toBeGreaterThan(170);
    for (const g of shapes) {
      const code = ALPHA2_BY_NUMERIC.get(g.id!);
      expect({ id: g.id, name: code && names.of(code) }).toEqual({
        id: g.id,
        name: SAME_COUNTRY[g.properties.name] ?? g.properties.name,
      });
    }
  });

  it('splits the figures into quantile classes, none empty, the top one darkest', () => {
    expect(mapBreaks([])).toEqual([]);
    expect(mapBreaks([0, 7])).toEqual([7]);
    expect(mapBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([1, 3, 5, 7, 9]);
    expect(mapBreaks([5, 5, 5, 100])).toEqual([5, 100]);
    const breaks = [1, 3, 5, 7, 9];
    expect([0, 1, 2, 3, 9, 1000].map((v) => classOf(v, breaks))).toEqual([0, 1, 1, 2, 5, 5]);
    expect(colourOf(0, 5)).toBe(MAP_COLOURS[0]);
    expect(colourOf(5, 5)).toBe(MAP_COLOURS[5]);
    expect(colourOf(2, 2)).toBe(MAP_COLOURS[5]);
    expect(colourOf(1, 1)).not.toBe(MAP_COLOURS[0]);
  });

  it('draws each country once, projected once, small enough to inline in the page', () => {
    const first = worldShapes();
    expect(worldShapes()).toBe(first); // the module-level cache
    const codes = first.shapes.map((s) => s.code).filter(Boolean);
    expect(new Set(codes).size).toBe(codes.length); // N. Cyprus drawn as part of Cyprus, Somaliland of Somalia
    expect(codes).not.toContain('AQ');
    const { svg, breaks } = worldMap({
      id: 'm',
      title: 'Completions',
      desc: 'd',
      values: new Map([
        ['KE', 120],
        ['BR', 3],
      ]),
      label: (code, v) => `${code} & ${v}`,
    });
    expect(breaks).toEqual([3, 120]);
    expect(svg).toMatch(
      /<path class="q2" data-country="KE" fill="#0a3d6b" d="M[-\d lz M]+"><title>KE &amp; 120<\/title><\/path>/,
    );
    expect(svg).toMatch(/<path class="q1" data-country="BR" fill="#c6dbef"/);
    expect(svg).toMatch(/<path class="q0" data-country="FR"/);
    expect(gzipSync(svg).length).toBeLessThan(16_000);
  });
});
