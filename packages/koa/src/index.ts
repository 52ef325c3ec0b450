export { koa, type KoaBindingOptions } from './koa-binding.js';
