import { describe, expect, it } from 'vitest';
import { encodeCursor } from './log-filter.js';
import { parseLogQuery, parseUsageQuery } from './query-params.js';

const params = (text: string) => new URLSearchParams(text);

describe('parseUsageQuery', () => {
  const now = Date.parse('2026-05-10T12:00:00.000Z');

  it('defaults to the last 24 hours by model in hours', () => {
    expect(parseUsageQuery(params(''), now)).toEqual({
      from: '2026-05-09T12:00:00.000Z',
      to: '2026-05-10T12:00:00.000Z',
      bucket: 'hour',
      groupBy: 'model',
    });
  });

  it('picks days beyond 3 days, and keeps explicit values', () => {
    expect(parseUsageQuery(params('from=2026-04-01T00:00:00Z'), now).bucket).toBe('day');
    expect(parseUsageQuery(params('from=2026-05-01&to=2026-05-02&bucket=day&groupBy=project'), now)).toEqual({
      from: '2026-05-01T00:00:00.000Z',
      to: '2026-05-02T00:00:00.000Z',
      bucket: 'day',
      groupBy: 'project',
    });
  });

  it('answers 400 naming the parameter', () => {
    expect(() => parseUsageQuery(params('bucket=week'), now)).toThrow(
      expect.objectContaining({ status: 400, param: 'bucket' }),
    );
    expect(() => parseUsageQuery(params('from=yesterday'), now)).toThrow(/'from'/);
    expect(() => parseUsageQuery(params('from=2026-05-11T00:00:00Z'), now)).toThrow(/before/);
    expect(() => parseUsageQuery(params('from=2020-01-01T00:00:00Z&bucket=hour'), now)).toThrow(/more than/);
  });
});

describe('parseLogQuery', () => {
  it('reads filters, normalizing case', () => {
    const cursor = encodeCursor({ time: '2026-05-01T00:00:00.000Z', generationId: 'gen_1' });
    expect(
      parseLogQuery(
        params(`model=mock/echo&key=sk-sb-a&status=5XX&cache=hit&limit=20&cursor=${cursor}&from=`),
      ),
    ).toEqual({
      model: 'mock/echo',
      key: 'sk-sb-a',
      status: '5xx',
      cache: 'HIT',
      limit: 20,
      cursor,
    });
    expect(parseLogQuery(params('cache=none'))).toEqual({ cache: 'none' });
  });

  it('answers 400 naming the parameter', () => {
    expect(() => parseLogQuery(params('limit=0'))).toThrow(expect.objectContaining({ param: 'limit' }));
    expect(() => parseLogQuery(params('status=bad'))).toThrow(expect.objectContaining({ param: 'status' }));
    expect(() => parseLogQuery(params('cache=maybe'))).toThrow(expect.objectContaining({ param: 'cache' }));
    expect(() => parseLogQuery(params('cursor=abc'))).toThrow(expect.objectContaining({ param: 'cursor' }));
  });
});
