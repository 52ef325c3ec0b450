import type { Warning } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { mediaTypeFromUrl, mediaTypeOfBase64, parseDataUrl, toGoogleMediaPart } from './google-media.js';

const png =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('media helpers', () => {
  it('recognises base64 data and URL extensions', () => {
    expect(mediaTypeOfBase64(png)).toBe('image/png');
    expect(mediaTypeOfBase64('/9j/4AAQ')).toBe('image/jpeg');
    expect(mediaTypeOfBase64('AAAA')).toBeUndefined();
    expect(mediaTypeFromUrl('https://example.com/cat.PNG?size=2')).toBe('image/png');
    expect(mediaTypeFromUrl('gs://bucket/report.pdf')).toBe('application/pdf');
    expect(mediaTypeFromUrl('https://example.com/image')).toBeUndefined();
  });

  it('parses base64 data URLs only', () => {
    expect(parseDataUrl(`data:image/png;base64,${png}`)).toEqual({ mediaType: 'image/png', data: png });
    expect(parseDataUrl('data:text/plain,hello')).toBeUndefined();
    expect(parseDataUrl('https://example.com/a.png')).toBeUndefined();
  });
});

describe('toGoogleMediaPart', () => {
  it('sends base64 as inlineData, with the media type given or sniffed', () => {
    const warnings: Warning[] = [];
    expect(toGoogleMediaPart({ type: 'base64', data: png }, undefined, 'image/jpeg', warnings)).toEqual({
      inlineData: { mimeType: 'image/png', data: png },
    });
    expect(toGoogleMediaPart({ type: 'base64', data: 'AAAA' }, 'image/webp', 'image/jpeg', warnings)).toEqual(
      {
        inlineData: { mimeType: 'image/webp', data: 'AAAA' },
      },
    );
    expect(warnings).toEqual([]);
  });

  it('sends a data URL inline and an http URL as fileData', () => {
    const warnings: Warning[] = [];
    expect(
      toGoogleMediaPart({ type: 'url', url: `data:image/png;base64,${png}` }, undefined, 'x', warnings),
    ).toEqual({
      inlineData: { mimeType: 'image/png', data: png },
    });
    expect(
      toGoogleMediaPart({ type: 'url', url: 'https://example.com/cat.png' }, undefined, 'x', warnings),
    ).toEqual({
      fileData: { mimeType: 'image/png', fileUri: 'https://example.com/cat.png' },
    });
    expect(warnings).toEqual([]);
  });

  it('warns when it has to assume a media type', () => {
    const warnings: Warning[] = [];
    expect(
      toGoogleMediaPart({ type: 'url', url: 'https://example.com/photo' }, undefined, 'image/jpeg', warnings),
    ).toEqual({
      fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/photo' },
    });
    expect(warnings).toEqual([expect.objectContaining({ type: 'compatibility', feature: 'media type' })]);
  });

  it('turns a Files API id into its URI, and warns without a Files API', () => {
    const withFiles = { filesBaseURL: 'https://generativelanguage.googleapis.com/v1beta' };
    expect(
      toGoogleMediaPart({ type: 'file-id', fileId: 'files/abc' }, 'application/pdf', 'x', [], withFiles),
    ).toEqual({
      fileData: {
        mimeType: 'application/pdf',
        fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc',
      },
    });
    expect(toGoogleMediaPart({ type: 'file-id', fileId: 'gs://b/a.pdf' }, undefined, 'x', [])).toEqual({
      fileData: { mimeType: 'application/pdf', fileUri: 'gs://b/a.pdf' },
    });
    const warnings: Warning[] = [];
    expect(
      toGoogleMediaPart({ type: 'file-id', fileId: 'abc' }, 'application/pdf', 'x', warnings),
    ).toBeUndefined();
    expect(warnings).toEqual([expect.objectContaining({ type: 'unsupported', feature: 'file id' })]);
  });

  it('sends inline text as a text part', () => {
    expect(toGoogleMediaPart({ type: 'text', text: 'notes' }, 'text/plain', 'x', [])).toEqual({
      text: 'notes',
    });
  });
});
