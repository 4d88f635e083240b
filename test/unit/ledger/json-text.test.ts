import { describe, expect, it } from 'vitest';
import { jsonTextDepth, stringifyJson, writeJson } from '../../../server/ledger/json-text.js';

describe('JSON text without recursion', () => {
  const samples: unknown[] = [
    null,
    0,
    -1.5e-7,
    'a "quoted" \\ line\nbreak \u2028',
    [],
    {},
    [1, 'two', null, true, { three: [3] }],
    { a: undefined, b: () => 1, c: [undefined, () => 1], d: new Date(0), e: Number.NaN, 'k"ey': { '': [] } },
    { first: undefined, second: 2 },
  ];

  it('writes exactly what JSON.stringify writes', () => {
    for (const value of samples) expect(writeJson(value)).toBe(JSON.stringify(value));
  });

  it('writes values far deeper than JSON.stringify can, and they parse back', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 20_000; i++) deep = i % 2 ? [deep] : { k: deep };
    expect(() => JSON.stringify(deep)).toThrow(RangeError);

    const text = stringifyJson(deep);

    expect(jsonTextDepth(text)).toBe(20_000);
    expect(text).toContain('"bottom"');
    expect(JSON.parse(text)).toBeTruthy();
  });

  it('sorts keys, skips and maps properties for a canonical form', () => {
    const text = writeJson(
      { z: 1, id: 'x', a: { id: 'kept', t: '2020' } },
      { sortKeys: true, skip: (k, depth) => depth === 1 && k === 'id', map: (k, v) => (k === 't' ? 2020 : v) },
    );
    expect(text).toBe('{"a":{"id":"kept","t":2020},"z":1}');
  });

  it('measures the depth of JSON text, ignoring brackets inside strings', () => {
    expect(jsonTextDepth('1')).toBe(0);
    expect(jsonTextDepth('{"a":[{}]}')).toBe(3);
    expect(jsonTextDepth('{"a":"[[[[\\"{{{"}')).toBe(1);
  });
});
