import { GatewayError } from '../errors/gateway-error.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns the body a binding read (bytes, a string, or an object the host app already parsed) into
 * JSON. Requires a JSON content type for raw bodies: 415 otherwise; malformed JSON is a 400.
 */
export function readJsonBody(body: unknown, contentType: string | undefined): unknown {
  if (
    body === undefined ||
    body === null ||
    (body instanceof Uint8Array && body.byteLength === 0) ||
    body === ''
  ) {
    throw new GatewayError('The request body is empty: send a JSON object.', {
      status: 400,
      code: 'invalid_body',
    });
  }
  if (typeof body === 'object' && !(body instanceof Uint8Array)) return body;
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json' && !mediaType?.endsWith('+json')) {
    throw new GatewayError(
      `Unsupported Content-Type '${contentType ?? '(none)'}': send the request body as application/json.`,
      { status: 415, code: 'unsupported_media_type' },
    );
  }
  let text: string;
  try {
    text = typeof body === 'string' ? body : decoder.decode(body as Uint8Array);
  } catch {
    throw new GatewayError('The request body is not valid UTF-8.', { status: 400, code: 'invalid_json' });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GatewayError(`Malformed JSON in request body: ${(error as Error).message}`, {
      status: 400,
      code: 'invalid_json',
    });
  }
}
