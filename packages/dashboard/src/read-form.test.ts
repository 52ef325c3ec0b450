import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FormError, readForm } from './read-form.js';

function request(body: string, type = 'application/x-www-form-urlencoded'): IncomingMessage {
  return Object.assign(Readable.from([Buffer.from(body)]), {
    headers: { 'content-type': type },
  }) as unknown as IncomingMessage;
}

describe('readForm', () => {
  it('reads a urlencoded body', async () => {
    expect((await readForm(request('key=a%2Bb&x=1'))).get('key')).toBe('a+b');
  });

  it('uses a body a framework already parsed', async () => {
    const parsed = Object.assign(request(''), { body: { key: 'parsed' } });
    expect((await readForm(parsed)).get('key')).toBe('parsed');
  });

  it('refuses other content types and bodies over the limit', async () => {
    await expect(readForm(request('{}', 'application/json'))).rejects.toMatchObject({ status: 415 });
    await expect(readForm(request('key='.padEnd(100, 'x')), 50)).rejects.toBeInstanceOf(FormError);
  });
});
