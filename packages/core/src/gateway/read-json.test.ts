import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { readJsonBody } from './read-json.js';

function statusOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    return GatewayError.isInstance(error) ? error.status : -1;
  }
  return undefined;
}

describe('readJsonBody', () => {
  it('parses bytes and strings with a JSON content type', () => {
    expect(readJsonBody(new TextEncoder().encode('{"a":1}'), 'application/json; charset=utf-8')).toEqual({
      a: 1,
    });
    expect(readJsonBody('{"b":2}', 'application/vnd.api+json')).toEqual({ b: 2 });
  });

  it('accepts a body the host app already parsed', () => {
    expect(readJsonBody({ c: 3 }, undefined)).toEqual({ c: 3 });
  });

  it('answers 415 for another content type, 400 for malformed or empty bodies', () => {
    expect(statusOf(() => readJsonBody('{}', 'text/plain'))).toBe(415);
    expect(statusOf(() => readJsonBody('{"a":', 'application/json'))).toBe(400);
    expect(statusOf(() => readJsonBody(new Uint8Array(), 'application/json'))).toBe(400);
    expect(statusOf(() => readJsonBody(new Uint8Array([0xff, 0xfe]), 'application/json'))).toBe(400);
  });
});
