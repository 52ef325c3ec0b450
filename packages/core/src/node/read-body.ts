import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors/gateway-error.js';

/** 10 MB: the default request body limit of the bindings. */
export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;

const units: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `'10mb'`, `'512kb'` or a number of bytes -> bytes. Throws a TypeError for anything else. */
export function parseByteSize(value: number | string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  const match =
    typeof value === 'string'
      ? value
          .trim()
          .toLowerCase()
          .match(/^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/)
      : null;
  if (!match)
    throw new TypeError(`Invalid byte size: ${String(value)} (use a number of bytes or e.g. '10mb')`);
  return Math.floor(Number(match[1]) * (units[match[2] ?? 'b'] ?? 1));
}

function tooLarge(limit: number): GatewayError {
  return new GatewayError(`Request body is larger than the limit of ${limit} bytes.`, {
    status: 413,
    type: 'request_too_large',
    code: 'request_too_large',
  });
}

/**
 * Reads a request body into one buffer, refusing bodies over `limit` (by Content-Length at once,
 * else as soon as the count passes it) with a 413. The rest of an oversized body is drained.
 */
export function readNodeBody(request: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        request.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(
        new GatewayError(`Could not read the request body: ${error.message}`, { status: 400, cause: error }),
      );
    };
    const onAborted = () => {
      cleanup();
      reject(new GatewayError('The client closed the connection while sending the body.', { status: 400 }));
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onAborted);
  });
}
