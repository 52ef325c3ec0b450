/**
 * Data URLs and media types as the OpenAI wire format uses them (`image_url.url`,
 * `file.file_data`, `input_audio.format`). Pure helpers, shared by both directions.
 *
 * @module
 */

/** Splits a base64 data URL (`data:image/png;base64,...`); anything else is `undefined`. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const header = url.slice(5, comma);
  if (!header.endsWith(';base64')) return undefined;
  const semicolon = header.indexOf(';');
  const mediaType = header.slice(0, semicolon);
  return { mediaType: mediaType === '' ? 'application/octet-stream' : mediaType, data: url.slice(comma + 1) };
}

/** A base64 data URL. */
export function toDataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}

/** The media type of an `input_audio.format` (`wav` -> `audio/wav`, `mp3` -> `audio/mpeg`). */
export function audioFormatToMediaType(format: string): string {
  if (format === 'mp3') return 'audio/mpeg';
  return `audio/${format}`;
}

/** The `input_audio.format` of an audio media type (`audio/mpeg` -> `mp3`, `audio/x-wav` -> `wav`). */
export function mediaTypeToAudioFormat(mediaType: string): string {
  const subtype = mediaType.slice(mediaType.indexOf('/') + 1).replace(/^x-/, '');
  if (subtype === 'mpeg' || subtype === 'mp3') return 'mp3';
  if (subtype === 'wave') return 'wav';
  return subtype;
}

const mediaTypesByExtension: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  json: 'application/json',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
};

/** A media type guessed from a file name's extension, or `fallback`. */
export function mediaTypeFromFilename(filename: string | null | undefined, fallback: string): string {
  if (!filename) return fallback;
  const dot = filename.lastIndexOf('.');
  if (dot < 0) return fallback;
  return mediaTypesByExtension[filename.slice(dot + 1).toLowerCase()] ?? fallback;
}
