import type { z } from 'zod';
import { GatewayError } from '../errors/gateway-error.js';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/** Deprecated values accepted but not advertised in error messages, per discriminator. */
const hiddenOptions: Record<string, ReadonlySet<unknown>> = { role: new Set(['function']) };

const typeNames: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
  record: 'an object',
  null: 'null',
};

/** The path in OpenAI's style: `messages[1].content[0].type`. */
export function formatOpenAIParam(path: readonly PathKey[]): string {
  let param = '';
  for (const key of path) {
    if (typeof key === 'number') param += `[${key}]`;
    else param += param === '' ? String(key) : `.${String(key)}`;
  }
  return param;
}

function describeValue(value: unknown): string {
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

function listValues(values: readonly unknown[]): string {
  return values.map((value) => String(value)).join(', ');
}

interface Described {
  param: string;
  message: string;
  code: string;
}

/** How specific a failed union branch's first issue is: deeper paths and value errors win. */
function specificity(issue: Issue): number {
  return issue.path.length * 2 + (issue.code === 'invalid_type' ? 0 : 1);
}

function describe(issue: Issue, prefix: readonly PathKey[]): Described {
  const path = [...prefix, ...issue.path];
  const param = formatOpenAIParam(path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) {
        return {
          param,
          code: 'missing_required_parameter',
          message: `Missing required parameter: '${param}'.`,
        };
      }
      return {
        param,
        code: 'invalid_type',
        message: `Invalid type for '${param}': expected ${typeNames[issue.expected] ?? issue.expected}, but got ${describeValue(issue.input)} instead.`,
      };
    case 'invalid_value':
      return {
        param,
        code: 'invalid_value',
        message: `Invalid value for '${param}': expected one of ${listValues(issue.values)}.`,
      };
    case 'invalid_union': {
      if (issue.discriminator !== undefined && issue.errors.length === 0) {
        const key = issue.discriminator;
        // zod reports the discriminator's own path here (`messages[1].role`).
        const input = issue.input;
        const present =
          typeof input === 'object' &&
          input !== null &&
          (input as Record<string, unknown>)[key] !== undefined;
        if (!present) {
          return {
            param,
            code: 'missing_required_parameter',
            message: `Missing required parameter: '${param}'.`,
          };
        }
        const hidden = hiddenOptions[key];
        const options = 'options' in issue && issue.options ? issue.options : [];
        const shown = hidden ? options.filter((option) => !hidden.has(option)) : options;
        return {
          param,
          code: 'invalid_value',
          message: `Invalid value for '${param}': expected one of ${listValues(shown)}.`,
        };
      }
      let best: Issue | undefined;
      const expected: string[] = [];
      for (const branch of issue.errors) {
        const first = branch[0];
        if (first === undefined) continue;
        if (best === undefined || specificity(first) > specificity(best)) best = first;
        if (first.code === 'invalid_type' && first.path.length === 0) {
          expected.push(typeNames[first.expected] ?? first.expected);
        }
      }
      if (best !== undefined && specificity(best) > 0) return describe(best, path);
      return {
        param,
        code: 'invalid_type',
        message: `Invalid type for '${param}': expected ${expected.join(' or ')}, but got ${describeValue(issue.input)} instead.`,
      };
    }
    case 'too_small':
      return {
        param,
        code: 'invalid_value',
        message:
          issue.origin !== 'array'
            ? `Invalid value for '${param}': expected at least ${String(issue.minimum)}.`
            : Number(issue.minimum) === 1
              ? `Invalid value for '${param}': expected a non-empty array.`
              : `Invalid value for '${param}': expected at least ${String(issue.minimum)} items.`,
      };
    case 'too_big':
      return {
        param,
        code: 'invalid_value',
        message: `Invalid value for '${param}': expected at most ${String(issue.maximum)}.`,
      };
    default:
      return { param, code: 'invalid_value', message: `Invalid value for '${param}': ${issue.message}.` };
  }
}

/**
 * A 400 `GatewayError` for the first schema issue, worded as OpenAI words its own: the message
 * names the field (`messages[1].role`) and what was wrong, `param` is that path, and `code` is
 * OpenAI's (`missing_required_parameter`, `invalid_type`, `invalid_value`).
 */
export function openaiValidationError(issues: readonly Issue[]): GatewayError {
  const first = issues[0];
  if (first === undefined) {
    return new GatewayError('Invalid request body.', { status: 400, type: 'invalid_request_error' });
  }
  if (first.code === 'invalid_type' && first.path.length === 0) {
    return new GatewayError('Invalid request body: expected a JSON object.', {
      status: 400,
      type: 'invalid_request_error',
      code: 'invalid_type',
    });
  }
  const described = describe(first, []);
  return new GatewayError(described.message, {
    status: 400,
    type: 'invalid_request_error',
    param: described.param === '' ? undefined : described.param,
    code: described.code,
  });
}
