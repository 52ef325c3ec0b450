/**
 * Joins a base URL and a path with exactly one slash between them, whatever trailing or leading
 * slashes either has: `joinUrl('https://api.openai.com/v1/', '/chat/completions')`.
 */
export function joinUrl(baseURL: string, path: string): string {
  const base = baseURL.replace(/\/+$/, '');
  const tail = path.replace(/^\/+/, '');
  return tail === '' ? base : `${base}/${tail}`;
}
