import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { toKoa } from './node-handler.js';

describe('toKoa', () => {
  const req = {} as IncomingMessage;
  const res = {} as ServerResponse;

  it('leaves the response to a handler that answered', async () => {
    const context = { req, res, respond: true };
    const next = vi.fn(async () => {});
    await toKoa(async () => {})(context, next);
    expect(context.respond).toBe(false);
    expect(next).not.toHaveBeenCalled();
  });

  it('goes on when the handler passes, and rethrows what it passes on', async () => {
    const context = { req, res, respond: true };
    const next = vi.fn(async () => {});
    await toKoa(async (_request, _response, pass) => pass?.())(context, next);
    expect(next).toHaveBeenCalledOnce();
    expect(context.respond).toBe(true);
    await expect(toKoa(async (_q, _r, pass) => pass?.(new Error('boom')))(context, next)).rejects.toThrow(
      'boom',
    );
  });
});
