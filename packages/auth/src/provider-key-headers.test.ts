import { describe, expect, it } from 'vitest';
import { PROVIDER_KEY_HEADER_PREFIX, takeProviderKeyHeaders } from './provider-key-headers.js';

const providers = new Map([
  ['openai', {}],
  ['anthropic', {}],
]);
const options = { allowed: true, prefix: PROVIDER_KEY_HEADER_PREFIX, providers };

describe('takeProviderKeyHeaders', () => {
  it('takes the keys by provider and removes the headers', () => {
    const headers: Record<string, string | undefined> = {
      'x-signalbox-provider-key-openai': ' sk-openai-1 ',
      'x-signalbox-provider-key-anthropic': 'sk-ant-2',
      other: 'kept',
    };
    expect(takeProviderKeyHeaders(headers, options)).toEqual({
      openai: 'sk-openai-1',
      anthropic: 'sk-ant-2',
    });
    expect(headers).toEqual({ other: 'kept' });
    expect(takeProviderKeyHeaders({}, options)).toBeUndefined();
  });

  it('refuses when not enabled, for unknown providers and for bad values, naming only the header', () => {
    const refuse = (headers: Record<string, string>, allowed = true) => {
      const copy: Record<string, string | undefined> = { ...headers };
      let message = '';
      try {
        takeProviderKeyHeaders(copy, { ...options, allowed });
      } catch (error) {
        message = (error as Error).message;
        expect(error).toMatchObject({ status: 400 });
      }
      expect(Object.keys(copy).some((name) => name.startsWith(PROVIDER_KEY_HEADER_PREFIX))).toBe(false);
      return message;
    };
    expect(refuse({ 'x-signalbox-provider-key-openai': 'sk-secret-1' }, false)).toMatch(/not accepted/);
    expect(refuse({ 'x-signalbox-provider-key-groq': 'sk-secret-1' })).toMatch(/Unknown provider 'groq'/);
    expect(refuse({ 'x-signalbox-provider-key-openai': 'a b' })).toMatch(/one provider key/);
    expect(refuse({ 'x-signalbox-provider-key-openai': 'x'.repeat(2000) })).not.toContain('xxxx');
  });
});
