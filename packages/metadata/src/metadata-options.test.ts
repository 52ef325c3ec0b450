import { describe, expect, it } from 'vitest';
import { type MetadataOptions, parseMetadataOptions } from './metadata-options.js';

describe('parseMetadataOptions', () => {
  it('turns everything on by default', () => {
    expect(parseMetadataOptions()).toEqual({
      vercel: true,
      openrouter: true,
      headerPrefix: 'x-signalbox-',
      allowRequestOverride: true,
    });
  });

  it('keeps what was given', () => {
    expect(
      parseMetadataOptions({ vercel: false, headerPrefix: 'x-gw-', allowRequestOverride: false }),
    ).toEqual({
      vercel: false,
      openrouter: true,
      headerPrefix: 'x-gw-',
      allowRequestOverride: false,
    });
  });

  it('throws a TypeError naming a wrong option', () => {
    expect(() => parseMetadataOptions({ vercel: 'yes' } as unknown as MetadataOptions)).toThrow(
      /metadata: invalid option vercel/,
    );
    expect(() => parseMetadataOptions({ headerPrefix: 'X Bad' })).toThrow(/headerPrefix/);
    expect(() => parseMetadataOptions({ openRouter: true } as unknown as MetadataOptions)).toThrow(
      /invalid option openRouter/,
    );
  });
});
