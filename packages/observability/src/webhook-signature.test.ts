import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.js';

describe('webhook signatures', () => {
  const body = '{"type":"signalbox.requests","data":[]}';

  it('is sha256=<hex HMAC of "<timestamp>.<body>">', () => {
    const expected = createHmac('sha256', 'secret').update(`1700000000.${body}`).digest('hex');
    expect(signWebhook(body, 'secret', 1700000000)).toBe(`sha256=${expected}`);
  });

  it('verifies a fresh delivery and refuses a changed body, a wrong secret or an old timestamp', () => {
    const timestamp = 1_700_000_000;
    const signature = signWebhook(body, 'secret', timestamp);
    const base = { body, signature, timestamp: String(timestamp), secret: 'secret', now: timestamp + 10 };
    expect(verifyWebhookSignature(base)).toBe(true);
    expect(verifyWebhookSignature({ ...base, body: `${body} ` })).toBe(false);
    expect(verifyWebhookSignature({ ...base, secret: 'other' })).toBe(false);
    expect(verifyWebhookSignature({ ...base, now: timestamp + 301 })).toBe(false);
    expect(verifyWebhookSignature({ ...base, signature: undefined })).toBe(false);
    expect(verifyWebhookSignature({ ...base, timestamp: 'soon' })).toBe(false);
  });
});
