import { describe, expect, it } from 'vitest';
import {
  forwardableHeaders,
  mergeHeaders,
  normalizeHeaders,
  removeHopByHopHeaders,
  withoutHopByHop,
} from './headers.js';

describe('normalizeHeaders', () => {
  it('lower-cases names, joins repeated values and drops missing ones', () => {
    expect(
      normalizeHeaders({ 'X-Request-Id': 'req_1', 'Set-Cookie': ['a=1', 'b=2'], Age: 3, Missing: undefined }),
    ).toEqual({ 'x-request-id': 'req_1', 'set-cookie': 'a=1, b=2', age: '3' });
    expect(normalizeHeaders(undefined)).toEqual({});
  });
});

describe('removeHopByHopHeaders', () => {
  it('removes hop-by-hop headers and those named by Connection', () => {
    expect(
      removeHopByHopHeaders({
        Connection: 'keep-alive, X-Private',
        'Keep-Alive': 'timeout=5',
        'Transfer-Encoding': 'chunked',
        'X-Private': 'secret',
        Host: 'example.com',
        'Content-Length': '10',
        'OpenAI-Organization': 'org_1',
      }),
    ).toEqual({ 'openai-organization': 'org_1' });
  });
});

describe('withoutHopByHop', () => {
  it('copies normalized headers without hop-by-hop ones, those Connection names, and the skipped', () => {
    const input = {
      connection: 'keep-alive, x-trace',
      'keep-alive': 'timeout=5',
      'x-trace': '1',
      'set-cookie': 'a=b',
      'x-request-id': 'req_1',
      'content-type': 'application/json',
    };
    expect(withoutHopByHop(input, new Set(['set-cookie']))).toEqual({
      'x-request-id': 'req_1',
      'content-type': 'application/json',
    });
    expect(withoutHopByHop(input)).toEqual({
      'set-cookie': 'a=b',
      'x-request-id': 'req_1',
      'content-type': 'application/json',
    });
    expect(input['x-trace']).toBe('1'); // the input is not changed
  });
});

describe('forwardableHeaders', () => {
  it('never forwards credentials or body framing', () => {
    expect(
      forwardableHeaders({
        authorization: 'Bearer gateway-key',
        'x-api-key': 'gateway-key',
        cookie: 'session=1',
        'content-type': 'application/json',
        'anthropic-beta': 'prompt-caching-2024-07-31',
      }),
    ).toEqual({ 'anthropic-beta': 'prompt-caching-2024-07-31' });
  });
});

describe('mergeHeaders', () => {
  it('lets later sources win, case-insensitively, and removes undefined values', () => {
    expect(
      mergeHeaders(
        { 'User-Agent': 'a', 'X-Drop': 'x' },
        undefined,
        { 'user-agent': 'b', 'x-drop': undefined },
        { Authorization: 'Bearer k' },
      ),
    ).toEqual({ 'user-agent': 'b', authorization: 'Bearer k' });
  });
});
