/** `'a', 'b', and 'c'` (OpenAI's list style) or `'a', 'b' or 'c'` (pydantic's, with `or`). */
export function quotedList(values: unknown[], conjunction: 'and' | 'or', oxford: boolean): string {
  const quoted = values.map((value) => `'${String(value)}'`);
  if (quoted.length <= 1) return quoted.join('');
  const last = quoted.pop();
  return `${quoted.join(', ')}${oxford && quoted.length > 1 ? ',' : ''} ${conjunction} ${last}`;
}

/** `a string`, `an integer`, `a decimal`... for a JSON value. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a decimal';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
