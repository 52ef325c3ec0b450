import { describe, expect, it } from 'vitest';
import {
  audioFormatToMediaType,
  mediaTypeFromFilename,
  mediaTypeToAudioFormat,
  parseDataUrl,
  toDataUrl,
} from './openai-media.js';

describe('data URLs', () => {
  it('parses base64 data URLs and ignores everything else', () => {
    expect(parseDataUrl('data:image/png;base64,AAAA')).toEqual({ mediaType: 'image/png', data: 'AAAA' });
    expect(parseDataUrl('data:text/plain;charset=utf-8;base64,SGk=')).toEqual({
      mediaType: 'text/plain',
      data: 'SGk=',
    });
    expect(parseDataUrl('data:;base64,AAAA')).toEqual({
      mediaType: 'application/octet-stream',
      data: 'AAAA',
    });
    expect(parseDataUrl('data:image/svg+xml,<svg/>')).toBeUndefined();
    expect(parseDataUrl('https://example.com/a.png')).toBeUndefined();
  });

  it('writes them back', () => {
    expect(toDataUrl('application/pdf', 'JVBERi0=')).toBe('data:application/pdf;base64,JVBERi0=');
  });
});

describe('media types', () => {
  it('maps audio formats both ways', () => {
    expect(audioFormatToMediaType('wav')).toBe('audio/wav');
    expect(audioFormatToMediaType('mp3')).toBe('audio/mpeg');
    expect(mediaTypeToAudioFormat('audio/mpeg')).toBe('mp3');
    expect(mediaTypeToAudioFormat('audio/x-wav')).toBe('wav');
    expect(mediaTypeToAudioFormat('audio/wave')).toBe('wav');
    expect(mediaTypeToAudioFormat('audio/flac')).toBe('flac');
  });

  it('guesses from file names', () => {
    expect(mediaTypeFromFilename('Report.PDF', 'x')).toBe('application/pdf');
    expect(mediaTypeFromFilename('notes', 'application/octet-stream')).toBe('application/octet-stream');
    expect(mediaTypeFromFilename(undefined, 'application/pdf')).toBe('application/pdf');
  });
});
