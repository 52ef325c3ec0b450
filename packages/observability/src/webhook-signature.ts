import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying `sha256=<hex HMAC>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-signalbox-signature';
/** The header carrying the Unix time (seconds) the delivery was signed at. */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-signalbox-timestamp';
/** The header carrying the delivery id (the same on every retry of a batch). */
export const WEBHOOK_DELIVERY_HEADER = 'x-signalbox-delivery';

/**
 * Signs a webhook body: `sha256=` + hex HMAC-SHA256 of `<timestamp>.<body>` with the shared
 * secret. Binding the timestamp lets receivers refuse replays of old deliveries.
 */
export function signWebhook(body: string, secret: string, timestamp: number): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** What a receiver checks. */
export interface VerifyWebhookInput {
  /** The raw request body, exactly as received. */
  body: string;
  /** The `x-signalbox-signature` header. */
  signature: string | undefined;
  /** The `x-signalbox-timestamp` header. */
  timestamp: string | undefined;
  secret: string;
  /** Oldest accepted delivery, in seconds; default 300. */
  toleranceSeconds?: number;
  /** Unix seconds now; default the system clock. */
  now?: number;
}

/**
 * Verifies a delivery in constant time: the signature matches the body and timestamp, and the
 * timestamp is within the tolerance. For your receiver:
 *
 * @example
 * ```ts
 * const ok = verifyWebhookSignature({ body: rawBody, signature: req.headers['x-signalbox-signature'],
 *   timestamp: req.headers['x-signalbox-timestamp'], secret });
 * ```
 */
export function verifyWebhookSignature(input: VerifyWebhookInput): boolean {
  if (input.signature === undefined || input.timestamp === undefined) return false;
  const timestamp = Number(input.timestamp);
  if (!Number.isInteger(timestamp)) return false;
  const now = input.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(input.body, input.secret, timestamp), 'utf8');
  const actual = Buffer.from(input.signature, 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
