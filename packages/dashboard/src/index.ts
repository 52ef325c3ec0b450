/**
 * `@signalbox/dashboard`: the Usage, Activity and Logs views of the hosted gateways, as a page
 * you mount in Express or Koa, reading `@signalbox/observability`'s request log.
 *
 * @module
 */
export { dashboard, type Dashboard } from './dashboard.js';
export type { DashboardOptions } from './dashboard-options.js';
export { CONTENT_SECURITY_POLICY } from './security-headers.js';
export { chartJsPath, publicDirectory } from './static-assets.js';
