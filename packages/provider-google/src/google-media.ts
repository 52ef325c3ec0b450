import type { DataSource, Warning } from '@signalbox/core';
import { joinUrl } from '@signalbox/provider-utils';
import type { GooglePart } from './google-wire-types.js';
import { warnOnce } from './warn-once.js';

/** Where a file id (`files/abc123`) lives, for `fileData.fileUri`; undefined when there is no Files API (Vertex). */
export interface GoogleMediaOptions {
  filesBaseURL?: string;
}

const signatures: Array<[string, string]> = [
  ['iVBORw0KGgo', 'image/png'],
  ['/9j/', 'image/jpeg'],
  ['R0lGOD', 'image/gif'],
  ['UklGR', 'image/webp'],
  ['JVBERi0', 'application/pdf'],
];

/** The media type of base64 data from its first bytes (PNG, JPEG, GIF, WebP, PDF), if recognised. */
export function mediaTypeOfBase64(data: string): string | undefined {
  return signatures.find(([prefix]) => data.startsWith(prefix))?.[1];
}

const byExtension: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
};

/** The media type a URL's file extension suggests (`.../cat.png` -> `image/png`), if any. */
export function mediaTypeFromUrl(url: string): string | undefined {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // Not a URL with a scheme: use the text as is.
  }
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : byExtension[extension];
}

/** Splits a base64 data URL; anything else is undefined. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^;,]*)(?:;[^,]*)*;base64,(.*)$/s.exec(url);
  if (!match) return undefined;
  return { mediaType: match[1] || 'application/octet-stream', data: match[2] ?? '' };
}

function fileUriOf(fileId: string, options: GoogleMediaOptions): string | undefined {
  if (/^(https?|gs):\/\//.test(fileId)) return fileId;
  if (options.filesBaseURL === undefined) return undefined;
  return joinUrl(options.filesBaseURL, fileId.startsWith('files/') ? fileId : `files/${fileId}`);
}

/**
 * An image or file as a Gemini part: base64 data and data URLs as `inlineData`; http(s) URLs,
 * `gs://` URIs and file ids as `fileData` (`fileUri`, with the `mimeType` Gemini requires). The
 * media type is the part's, else read from the data's first bytes or the URL's extension, else
 * `fallbackMediaType` with a `compatibility` warning; Gemini fetches public URLs itself. Text
 * given inline becomes a text part. Undefined (with an `unsupported` warning) when it cannot be
 * sent: a file id without a Files API.
 */
export function toGoogleMediaPart(
  source: DataSource,
  mediaType: string | undefined,
  fallbackMediaType: string,
  warnings: Warning[],
  options: GoogleMediaOptions = {},
): GooglePart | undefined {
  const guessed = (found: string | undefined, what: string): string => {
    if (mediaType !== undefined) return mediaType;
    if (found !== undefined) return found;
    warnOnce(warnings, {
      type: 'compatibility',
      feature: 'media type',
      details: `Gemini needs the media type of every ${what}; none was given, so '${fallbackMediaType}' was sent`,
    });
    return fallbackMediaType;
  };
  switch (source.type) {
    case 'base64':
      return {
        inlineData: { mimeType: guessed(mediaTypeOfBase64(source.data), 'inline file'), data: source.data },
      };
    case 'url': {
      const inline = parseDataUrl(source.url);
      if (inline) return { inlineData: { mimeType: mediaType ?? inline.mediaType, data: inline.data } };
      return {
        fileData: { mimeType: guessed(mediaTypeFromUrl(source.url), 'file URL'), fileUri: source.url },
      };
    }
    case 'file-id': {
      const fileUri = fileUriOf(source.fileId, options);
      if (fileUri === undefined) {
        warnOnce(warnings, {
          type: 'unsupported',
          feature: 'file id',
          details: `this provider has no Files API: pass a gs:// or https URI instead of '${source.fileId}'; the file was left out`,
        });
        return undefined;
      }
      return { fileData: { mimeType: guessed(mediaTypeFromUrl(fileUri), 'file'), fileUri } };
    }
    case 'text':
      return { text: source.text };
  }
}
