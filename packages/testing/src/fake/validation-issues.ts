import type { z } from 'zod';
import { isRecord } from './json.js';

/** A path into the request body. */
export type IssuePath = Array<string | number>;

/**
 * A validation failure in a provider-neutral shape; each fake server words it the way its
 * real API does.
 */
export type ValidationIssue =
  | { kind: 'missing'; path: IssuePath }
  | { kind: 'type'; path: IssuePath; expected: string[]; input: unknown }
  | { kind: 'enum'; path: IssuePath; values: unknown[]; input: unknown; tag?: boolean }
  | {
      kind: 'too-small';
      path: IssuePath;
      origin: string;
      minimum: number;
      inclusive: boolean;
      input: unknown;
    }
  | { kind: 'too-big'; path: IssuePath; origin: string; maximum: number; inclusive: boolean; input: unknown }
  | { kind: 'unknown-keys'; path: IssuePath; keys: string[] }
  | { kind: 'pattern'; path: IssuePath; pattern: string; input: unknown }
  | { kind: 'custom'; path: IssuePath; message: string };

type ZodIssue = z.core.$ZodIssue;

function isRootTypeMismatch(issues: ZodIssue[]): boolean {
  return issues.length === 1 && issues[0]?.code === 'invalid_type' && issues[0].path.length === 0;
}

function depth(issues: ZodIssue[]): number {
  return Math.max(0, ...issues.map((issue) => issue.path.length));
}

function fromUnion(
  issue: Extract<ZodIssue, { code: 'invalid_union' }>,
  prefix: IssuePath,
): ValidationIssue[] {
  const path = [...prefix, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))];
  const extra: Record<string, unknown> = { ...issue };
  if (extra.note === 'No matching discriminator' && typeof extra.discriminator === 'string') {
    const discriminator = extra.discriminator;
    const input = isRecord(issue.input) ? issue.input[discriminator] : undefined;
    const values = Array.isArray(extra.options) ? extra.options : [];
    const at = path.at(-1) === discriminator ? path : [...path, discriminator];
    if (input === undefined) return [{ kind: 'missing', path: at }];
    return [{ kind: 'enum', path: at, values, input, tag: true }];
  }
  const branches = issue.errors;
  if (branches.length > 0 && branches.every(isRootTypeMismatch)) {
    const expected = branches.map((branch) => {
      const first = branch[0];
      return first?.code === 'invalid_type' ? String(first.expected) : 'value';
    });
    return [{ kind: 'type', path, expected, input: issue.input }];
  }
  const candidates = branches.filter((branch) => !isRootTypeMismatch(branch));
  const best = candidates.reduce<ZodIssue[] | undefined>(
    (chosen, branch) => (chosen === undefined || depth(branch) > depth(chosen) ? branch : chosen),
    undefined,
  );
  if (!best) return [{ kind: 'custom', path, message: issue.message }];
  return best.flatMap((inner) => normalizeIssue(inner, path));
}

/** Turns one zod issue (unions unwrapped to their best-matching branch) into validation issues. */
export function normalizeIssue(issue: ZodIssue, prefix: IssuePath = []): ValidationIssue[] {
  if (issue.code === 'invalid_union') return fromUnion(issue, prefix);
  const path = [...prefix, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))];
  const input = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return [{ kind: 'missing', path }];
      return [{ kind: 'type', path, expected: [String(issue.expected)], input }];
    case 'invalid_value':
      return [{ kind: 'enum', path, values: [...issue.values], input }];
    case 'too_small':
      return [
        {
          kind: 'too-small',
          path,
          origin: issue.origin,
          minimum: Number(issue.minimum),
          inclusive: issue.inclusive ?? true,
          input,
        },
      ];
    case 'too_big':
      return [
        {
          kind: 'too-big',
          path,
          origin: issue.origin,
          maximum: Number(issue.maximum),
          inclusive: issue.inclusive ?? true,
          input,
        },
      ];
    case 'unrecognized_keys':
      return [{ kind: 'unknown-keys', path, keys: issue.keys }];
    case 'invalid_format':
      return [
        { kind: 'pattern', path, pattern: 'pattern' in issue ? String(issue.pattern) : issue.format, input },
      ];
    default:
      return [{ kind: 'custom', path, message: issue.message }];
  }
}

const rank: Record<ValidationIssue['kind'], number> = {
  'unknown-keys': 0,
  missing: 1,
  type: 2,
  enum: 3,
  pattern: 4,
  'too-small': 5,
  'too-big': 5,
  custom: 6,
};

/**
 * Validates `value` with `schema` and returns its issues normalized, most telling first
 * (unknown keys, then missing fields, then wrong types...), shallow paths before deep ones.
 */
export function validationIssues(
  schema: z.ZodType,
  value: unknown,
  prefix: IssuePath = [],
): ValidationIssue[] {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return [];
  const issues = result.error.issues.flatMap((issue) => normalizeIssue(issue, prefix));
  return issues.sort((a, b) => a.path.length - b.path.length || rank[a.kind] - rank[b.kind]);
}
