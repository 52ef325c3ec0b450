import { GatewayError } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { cacheHeaderNames, cacheResponseHeaders, readCacheRequest } from './cache-headers.js';

const names = cacheHeaderNames(['x-signalbox-', 'x-openrouter-']);
const off = { enabled: false, ttlSeconds: 300 };

describe('readCacheRequest', () => {
  it('is off unless asked, on with the header or by default, bypass when turned off', () => {
    expect(readCacheRequest({}, names, off)).toEqual({ mode: 'off', ttlSeconds: 300, clear: false });
    expect(readCacheRequest({ 'x-signalbox-cache': 'TRUE' }, names, off).mode).toBe('on');
    expect(readCacheRequest({ 'x-openrouter-cache': '1' }, names, off).mode).toBe('on');
    expect(readCacheRequest({}, names, { ...off, enabled: true }).mode).toBe('on');
    expect(readCacheRequest({ 'x-signalbox-cache': 'false' }, names, { ...off, enabled: true }).mode).toBe(
      'bypass',
    );
  });

  it('reads the TTL and the clear flag; clear turns the cache on', () => {
    expect(
      readCacheRequest({ 'x-signalbox-cache': 'true', 'x-signalbox-cache-ttl': ' 86400 ' }, names, off)
        .ttlSeconds,
    ).toBe(86_400);
    expect(readCacheRequest({ 'x-signalbox-cache-clear': 'true' }, names, off)).toEqual({
      mode: 'on',
      ttlSeconds: 300,
      clear: true,
    });
    expect(
      readCacheRequest({ 'x-signalbox-cache': 'false', 'x-signalbox-cache-clear': 'true' }, names, off).clear,
    ).toBe(false);
  });

  it('the first prefix that sent a header wins', () => {
    const headers = {
      'x-signalbox-cache-ttl': '5',
      'x-openrouter-cache-ttl': '7',
      'x-openrouter-cache': 'true',
    };
    expect(readCacheRequest(headers, names, off)).toMatchObject({ mode: 'on', ttlSeconds: 5 });
  });

  it.each([
    ['x-signalbox-cache-ttl', '0'],
    ['x-signalbox-cache-ttl', '86401'],
    ['x-openrouter-cache-ttl', 'soon'],
    ['x-signalbox-cache', 'yes please'],
    ['x-openrouter-cache-clear', '2'],
  ])('a bad %s (%j) is a 400 naming the header', (header, value) => {
    let caught: unknown;
    try {
      readCacheRequest({ [header]: value }, names, off);
    } catch (error) {
      caught = error;
    }
    expect(GatewayError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ status: 400, param: header, code: 'invalid_header' });
    expect((caught as Error).message).toContain(header);
  });
});

describe('cacheResponseHeaders', () => {
  it('writes every prefix, with age and source id only when given', () => {
    expect(cacheResponseHeaders(['x-signalbox-'], { status: 'MISS', ttlSeconds: 300 })).toEqual({
      'x-signalbox-cache-status': 'MISS',
      'x-signalbox-cache-ttl': '300',
    });
    expect(
      cacheResponseHeaders(names.prefixes, {
        status: 'HIT',
        ttlSeconds: 5,
        ageSeconds: 2,
        sourceGenerationId: 'gen_1',
      }),
    ).toEqual({
      'x-signalbox-cache-status': 'HIT',
      'x-signalbox-cache-ttl': '5',
      'x-signalbox-cache-age': '2',
      'x-signalbox-cache-source-id': 'gen_1',
      'x-openrouter-cache-status': 'HIT',
      'x-openrouter-cache-ttl': '5',
      'x-openrouter-cache-age': '2',
      'x-openrouter-cache-source-id': 'gen_1',
    });
  });
});
