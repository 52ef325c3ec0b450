import { GatewayError } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { selectStyles } from './select-styles.js';

const defaults = { vercel: true, openrouter: false };
const name = 'x-signalbox-metadata';

describe('selectStyles', () => {
  it('keeps the defaults without the header', () => {
    expect(selectStyles(undefined, defaults, name)).toBe(defaults);
    expect(selectStyles('  ', defaults, name)).toBe(defaults);
  });

  it('reads none, vercel, openrouter, all and lists of them', () => {
    expect(selectStyles('none', defaults, name)).toEqual({ vercel: false, openrouter: false });
    expect(selectStyles('OpenRouter', defaults, name)).toEqual({ vercel: false, openrouter: true });
    expect(selectStyles('vercel', defaults, name)).toEqual({ vercel: true, openrouter: false });
    expect(selectStyles('all', defaults, name)).toEqual({ vercel: true, openrouter: true });
    expect(selectStyles('vercel, openrouter', defaults, name)).toEqual({ vercel: true, openrouter: true });
  });

  it('answers an unknown value with a 400 naming the header', () => {
    let caught: unknown;
    try {
      selectStyles('verbose', defaults, name);
    } catch (error) {
      caught = error;
    }
    expect(GatewayError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ status: 400, param: name, code: 'invalid_header' });
    expect((caught as Error).message).toContain("'verbose'");
  });
});
