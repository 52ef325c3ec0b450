/**
 * `@signalbox/express`: the Express 5 binding of a Signalbox gateway,
 * `app.use('/v1', express(gateway))`, next to the app's own routes, sessions and auth.
 *
 * @module
 */
export { express, type ExpressBindingOptions } from './express-binding.js';
