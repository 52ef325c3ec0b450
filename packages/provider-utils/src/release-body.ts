import type { ResponseBody } from './http-request.js';

/** How long a logically complete body may take to end before its socket is given up. */
const DRAIN_TIMEOUT_MS = 2_000;

/** Bodies being drained (released twice: by the SSE reader, then by the stream guard). */
const draining = new WeakSet<ResponseBody>();

/**
 * Frees a response body the adapter stops reading. An unfinished body is destroyed, which closes
 * the upstream socket at once (the provider stops generating). With `drain`, for a body whose
 * content is logically complete (a stream read up to `[DONE]` or `message_stop`), the rest is
 * read and discarded instead so the keep-alive socket returns to the pool; destroyed if it has
 * not ended within 2 s. A body that already ended is left alone.
 */
export function releaseBody(body: ResponseBody, options: { drain?: boolean } = {}): void {
  if (body.readableEnded || body.destroyed) return;
  // undici emits an abort error when an unfinished body is destroyed; nobody is reading it any more.
  body.on('error', ignore);
  if (!options.drain) {
    body.destroy();
    return;
  }
  if (draining.has(body)) return;
  draining.add(body);
  const timer = setTimeout(() => body.destroy(), DRAIN_TIMEOUT_MS);
  timer.unref();
  body.once('close', () => clearTimeout(timer));
  body.once('end', () => clearTimeout(timer));
  body.once('error', () => clearTimeout(timer));
  body.resume();
}

function ignore(): void {}
