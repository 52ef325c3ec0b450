/**
 * `@signalbox/koa`: the Koa 3 binding of a Signalbox gateway,
 * `app.use(mount('/v1', koa(gateway)))`, next to the app's own middleware.
 *
 * @module
 */
export { koa, type KoaBindingOptions } from './koa-binding.js';
