/** `['provider', 'order', 0]` -> `provider.order[0]`, with an optional prefix (`providerOptions.gateway`). */
export function formatPath(path: ReadonlyArray<PropertyKey>, prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** zod's "Invalid input: expected string, received number" -> "expected string, received number". */
export function formatIssueMessage(message: string): string {
  return message.replace(/^Invalid input: /, '');
}
