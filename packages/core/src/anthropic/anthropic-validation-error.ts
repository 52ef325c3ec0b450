import type { z } from 'zod';
import { GatewayError } from '../errors/gateway-error.js';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/**
 * Turns a zod validation failure into the 400 Anthropic would answer, with its wording
 * (`messages.1.role: Input should be 'user' or 'assistant'`, `max_tokens: Field required`) and
 * `param` set to the dotted path of the field at fault. Reports the first problem only, as the
 * API does. `input` is the value that was validated (to name unexpected tags).
 */
export function anthropicValidationError(error: z.ZodError, input: unknown): GatewayError {
  const first = error.issues[0];
  if (first === undefined) {
    return new GatewayError('Invalid request body', { status: 400, type: 'invalid_request_error' });
  }
  const { path, message } = describeIssue(first, [], input);
  const param = path.length > 0 ? path.map(String).join('.') : undefined;
  return new GatewayError(param === undefined ? message : `${param}: ${message}`, {
    status: 400,
    type: 'invalid_request_error',
    ...(param !== undefined && { param }),
  });
}

/** A 400 for a request that is well-formed but not allowed, named like a validation failure. */
export function anthropicInvalidRequest(path: ReadonlyArray<PathKey>, message: string): GatewayError {
  const param = path.map(String).join('.');
  return new GatewayError(`${param}: ${message}`, { status: 400, type: 'invalid_request_error', param });
}

function describeIssue(
  issue: Issue,
  basePath: PathKey[],
  input: unknown,
): { path: PathKey[]; message: string } {
  const path = [...basePath, ...issue.path];
  if (issue.code === 'invalid_union') {
    if (issue.errors.length === 0) return { path, message: describeTagMismatch(issue, path, input) };
    const branches = issue.errors.flatMap((branch) => (branch[0] === undefined ? [] : [branch[0]]));
    if (
      branches.length > 0 &&
      branches.every((branch) => branch.code === 'invalid_type' && branch.path.length === 0)
    ) {
      if (valueAt(input, path) === undefined) return { path, message: 'Field required' };
      const kinds = branches.map((branch) => typeName(branch.code === 'invalid_type' ? branch.expected : ''));
      return { path, message: `Input should be ${kinds.map((kind) => `a valid ${kind}`).join(' or ')}` };
    }
    let best: Issue | undefined;
    for (const branch of branches) {
      if (best === undefined || branch.path.length > best.path.length) best = branch;
    }
    if (best !== undefined) return describeIssue(best, path, input);
  }
  return { path, message: describeLeaf(issue, path, input) };
}

function describeTagMismatch(issue: Issue, path: PathKey[], input: unknown): string {
  const value = valueAt(input, path);
  if (value === undefined) return 'Field required';
  const record = issue as unknown as { discriminator?: string; options?: unknown[] };
  const discriminator = record.discriminator ?? 'type';
  const options = (record.options ?? []).map((option) => `'${String(option)}'`).join(', ');
  return `Input tag '${String(value)}' found using '${discriminator}' does not match any of the expected tags: ${options}`;
}

function describeLeaf(issue: Issue, path: PathKey[], input: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const value = valueAt(input, path);
      if (value === undefined) return 'Field required';
      if (issue.expected === 'int' && typeof value === 'number') {
        return 'Input should be a valid integer, got a number with a fractional part';
      }
      return `Input should be a valid ${typeName(issue.expected)}`;
    }
    case 'invalid_value': {
      const values = issue.values.map((value) => `'${String(value)}'`);
      const last = values.pop();
      return `Input should be ${values.length > 0 ? `${values.join(', ')} or ${last}` : last}`;
    }
    case 'too_small':
      return describeBound(issue.origin, 'at least', issue.minimum, issue.inclusive, 'greater than');
    case 'too_big':
      return describeBound(issue.origin, 'at most', issue.maximum, issue.inclusive, 'less than');
    default:
      return issue.message;
  }
}

function describeBound(
  origin: string,
  countWord: string,
  limit: number | bigint,
  inclusive: boolean | undefined,
  comparison: string,
): string {
  if (origin === 'array' || origin === 'set') {
    return `List should have ${countWord} ${limit} item${limit === 1 ? '' : 's'} after validation`;
  }
  if (origin === 'string')
    return `String should have ${countWord} ${limit} character${limit === 1 ? '' : 's'}`;
  return `Input should be ${comparison}${inclusive ? ' or equal to' : ''} ${limit}`;
}

function typeName(expected: string): string {
  switch (expected) {
    case 'int':
      return 'integer';
    case 'array':
      return 'list';
    case 'object':
    case 'record':
    case 'map':
      return 'dictionary';
    default:
      return expected;
  }
}

function valueAt(input: unknown, path: PathKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
