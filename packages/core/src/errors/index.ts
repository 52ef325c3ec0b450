export { SignalboxError } from './signalbox-error.js';
export {
  GatewayError,
  type GatewayErrorOptions,
  type GatewayErrorType,
  defaultErrorType,
  isRetryableStatus,
} from './gateway-error.js';
export { UpstreamCallError, type UpstreamCallErrorOptions, parseRetryAfter } from './upstream-call-error.js';
