import type { LogQuery } from './log-store.js';
import { isErrorRecord, type RequestLogRecord } from './log-record.js';

/** Position in the newest-first order, after which the next page starts. */
export interface LogCursor {
  time: string;
  generationId: string;
}

/** Encodes a page position as an opaque URL-safe string. */
export function encodeCursor(cursor: LogCursor): string {
  return Buffer.from(JSON.stringify([cursor.time, cursor.generationId]), 'utf8').toString('base64url');
}

/** Decodes `encodeCursor`'s output; `undefined` when it is not one. */
export function decodeCursor(value: string): LogCursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      !Number.isNaN(Date.parse(parsed[0]))
    ) {
      return { time: parsed[0], generationId: parsed[1] };
    }
  } catch {
    // not a cursor
  }
  return undefined;
}

/** Newest first; ties by generation id, descending (the order both stores list in). */
export function compareNewestFirst(a: LogCursor, b: LogCursor): number {
  const byTime = Date.parse(b.time) - Date.parse(a.time);
  if (byTime !== 0) return byTime;
  return a.generationId < b.generationId ? 1 : a.generationId > b.generationId ? -1 : 0;
}

/** Whether a status filter (`success`, `error`, `4xx`, `429`) accepts a record. */
export function matchesStatus(filter: string, record: Pick<RequestLogRecord, 'status' | 'error'>): boolean {
  if (filter === 'success') return !isErrorRecord(record);
  if (filter === 'error') return isErrorRecord(record);
  const klass = /^([1-5])xx$/i.exec(filter);
  if (klass) return Math.floor(record.status / 100) === Number(klass[1]);
  return record.status === Number(filter);
}

/** Whether a record passes the filters of a query (not the cursor or the limit). */
export function matchesQuery(record: RequestLogRecord, query: LogQuery): boolean {
  if (query.model !== undefined && record.model !== query.model && record.requestedModel !== query.model) {
    return false;
  }
  if (query.key !== undefined && record.principalId !== query.key && record.keyPrefix !== query.key)
    return false;
  if (query.project !== undefined && record.projectId !== query.project) return false;
  if (query.provider !== undefined && record.provider !== query.provider) return false;
  if (query.status !== undefined && !matchesStatus(query.status, record)) return false;
  if (query.cache !== undefined && (record.cacheStatus ?? 'none') !== query.cache) return false;
  const time = Date.parse(record.time);
  if (query.from !== undefined && time < Date.parse(query.from)) return false;
  if (query.to !== undefined && time >= Date.parse(query.to)) return false;
  return true;
}
