export { express, type ExpressBindingOptions } from './express-binding.js';
