import type { IncomingMessage } from 'node:http';

/** A form body that could not be read. */
export class FormError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Reads an `application/x-www-form-urlencoded` body of at most `limit` bytes. A body a framework
 * parser already read (`request.body` set by `express.urlencoded()`) is used as it is.
 */
export async function readForm(request: IncomingMessage, limit = 4096): Promise<URLSearchParams> {
  const parsed = (request as IncomingMessage & { body?: unknown }).body;
  if (parsed !== undefined && parsed !== null && typeof parsed === 'object' && !Buffer.isBuffer(parsed)) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(parsed))
      if (typeof value === 'string') params.set(name, value);
    return params;
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new FormError('Expected a form (application/x-www-form-urlencoded).', 415);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > limit) throw new FormError('The form is too large.', 413);
    chunks.push(buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
