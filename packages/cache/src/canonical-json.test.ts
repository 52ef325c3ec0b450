import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    const a = JSON.parse('{"b": 1, "a": {"y": [1, {"d": 2, "c": 3}], "x": "s"}}');
    const b = JSON.parse('{"a":{"x":"s","y":[1,{"c":3,"d":2}]},"b":1}');
    expect(canonicalJson(a)).toBe('{"a":{"x":"s","y":[1,{"c":3,"d":2}]},"b":1}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('keeps array order: a different order is a different value', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('follows JSON for undefined, non-finite numbers, strings and toJSON', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(canonicalJson([undefined, Number.NaN, Number.POSITIVE_INFINITY])).toBe('[null,null,null]');
    expect(canonicalJson('quote " and \n')).toBe(JSON.stringify('quote " and \n'));
    expect(canonicalJson(new Date(0))).toBe('"1970-01-01T00:00:00.000Z"');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson(new Uint8Array([1, 2]))).toBe('"AQI="');
  });
});
