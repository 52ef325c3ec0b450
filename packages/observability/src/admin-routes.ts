import { GatewayError, type GatewayHttpResponse, type Route } from '@signalbox/core';
import { createAdminGuard } from './admin-guard.js';
import type { LogStore } from './log-store.js';
import { parseLogQuery, parseUsageQuery } from './query-params.js';

/** Options of `logAdminRoutes`. */
export interface LogAdminRoutesOptions {
  store: LogStore;
  /** The admin key (`Authorization: Bearer`); gateway keys are refused. */
  adminKey: string;
  /** Path prefix below the gateway's mount; default `/admin`. */
  prefix?: string;
}

function json(value: unknown): GatewayHttpResponse {
  return { status: 200, headers: { 'cache-control': 'no-store' }, body: { type: 'json', value } };
}

/**
 * The request log's admin JSON API, as gateway routes (under `/v1` when the gateway is mounted
 * there), each checking the admin key itself (outside gateway-key auth):
 * - `GET /admin/usage?from&to&bucket=hour|day&groupBy=model|provider|project|key|none` -> `UsageReport`
 * - `GET /admin/logs?model&key&project&provider&status&cache&from&to&limit&cursor` -> `{ object: 'list', data, next_cursor }`
 * - `GET /admin/logs/:id` -> the record, or 404
 */
export function logAdminRoutes(options: LogAdminRoutesOptions): Route[] {
  const prefix = options.prefix ?? '/admin';
  const guard = createAdminGuard(options.adminKey);
  const { store } = options;
  const route = (path: string, run: Route['handler']): Route => ({
    method: 'GET',
    path: `${prefix}${path}`,
    format: 'openai',
    authenticated: false,
    handler: async (context, params) => {
      guard.assert(context.http.headers);
      return run(context, params);
    },
  });
  return [
    route('/usage', async (context) =>
      json(await store.usage(parseUsageQuery(context.http.query, context.clock.now()))),
    ),
    route('/logs', async (context) => {
      const page = await store.list(parseLogQuery(context.http.query));
      return json({ object: 'list', data: page.records, next_cursor: page.nextCursor });
    }),
    route('/logs/:id', async (_context, params) => {
      const record = await store.get(params.id ?? '');
      if (!record) {
        throw new GatewayError(`No request log record with id '${params.id}'.`, {
          status: 404,
          code: 'log_not_found',
        });
      }
      return json(record);
    }),
  ];
}
