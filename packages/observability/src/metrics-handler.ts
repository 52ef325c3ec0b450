import { createAdminGuard } from './admin-guard.js';
import { type NodeHandler, sendText } from './node-handler.js';
import type { PrometheusMetrics } from './prometheus-metrics.js';

/** Options of `metricsHandler`. */
export interface MetricsHandlerOptions {
  /** Require `Authorization: Bearer <admin key>`; without it (and without `authorize`) the page is open. */
  adminKey?: string;
  /** Or decide yourself (a scraper's own token, a network check). */
  authorize?: (headers: Record<string, string | string[] | undefined>) => boolean;
}

/**
 * Serves the Prometheus exposition as a plain Node handler: `app.use('/metrics', handler)` in
 * Express, `app.use(mount('/metrics', toKoa(handler)))` in Koa. GET only (405 otherwise); 401
 * without the admin key when one is set (a gateway key never opens it; no key in URLs).
 */
export function metricsHandler(metrics: PrometheusMetrics, options: MetricsHandlerOptions = {}): NodeHandler {
  const guard = options.adminKey === undefined ? undefined : createAdminGuard(options.adminKey);
  return async function serveMetrics(request, response, next) {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/' && path !== '' && path !== '/metrics') {
      if (next) return next();
      return sendText(response, 404, 'Not found\n');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendText(response, 405, 'Method not allowed\n', { allow: 'GET, HEAD' });
    }
    const allowed =
      (guard === undefined || guard.check(request.headers) === 'ok') &&
      (options.authorize === undefined || options.authorize(request.headers));
    if (!allowed) {
      return sendText(response, 401, 'The metrics need the admin key: Authorization: Bearer <admin key>\n', {
        'www-authenticate': 'Bearer realm="signalbox"',
      });
    }
    try {
      sendText(response, 200, await metrics.metrics(), { 'content-type': metrics.contentType });
    } catch (error) {
      if (next) return next(error);
      sendText(response, 500, 'Metrics unavailable\n');
    }
  };
}
