import type { Faults } from '@signalbox/provider-mock';
import type { Exchange } from './fake-server.js';

/** Text that is not JSON, sent with a 200 by the `bad-json` fault. */
export const notJsonBody = '<html><body>502 Bad Gateway (not JSON)</body></html>';

/** Sends a JSON response. */
export function sendJson(
  exchange: Exchange,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  exchange.response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  exchange.response.end(text);
}

/**
 * Sends a successful JSON body, spoiled by the body faults: `bad-json` sends text that is not
 * JSON, `drop-<n>` sends half the body and destroys the socket, `truncate` ends the response
 * cleanly after half the body.
 */
export function sendJsonWithFaults(
  exchange: Exchange,
  body: unknown,
  headers: Record<string, string>,
  faults: Faults,
): void {
  const { response } = exchange;
  if (faults.badJson) {
    response.writeHead(200, { 'content-type': 'application/json', ...headers });
    response.end(notJsonBody);
    return;
  }
  const text = JSON.stringify(body);
  const half = text.slice(0, Math.floor(text.length / 2));
  if (faults.dropAfter !== undefined) {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    });
    response.write(half, () => exchange.destroy());
    return;
  }
  if (faults.truncate) {
    response.writeHead(200, { 'content-type': 'application/json', ...headers });
    response.end(half);
    return;
  }
  sendJson(exchange, 200, body, headers);
}
