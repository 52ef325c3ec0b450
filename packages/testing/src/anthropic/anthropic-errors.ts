import type { ValidationIssue } from '../fake/validation-issues.js';
import { quotedList } from '../fake/wording.js';

/** Anthropic's error body: `{type: 'error', error: {type, message}, request_id}`. */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
  request_id?: string;
}

/** Builds an Anthropic error body. */
export function anthropicError(type: string, message: string): AnthropicErrorBody {
  return { type: 'error', error: { type, message } };
}

/** Anthropic's error type for an HTTP status. */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 504:
      return 'timeout_error';
    case 529:
      return 'overloaded_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

const statusMessages: Record<number, string> = {
  401: 'invalid x-api-key',
  402: 'Your credit balance is too low to access the Anthropic API.',
  403: 'Your API key does not have permission to use the specified resource.',
  413: 'Request exceeds the maximum allowed number of bytes.',
  429: 'This request would exceed the rate limit for your organization of 50 requests per minute. Please try again later.',
  500: 'Internal server error',
  504: 'Request timed out',
  529: 'Overloaded',
};

/** The body Anthropic answers with for an error status the fault directives ask for. */
export function anthropicStatusError(status: number, model: string): AnthropicErrorBody {
  const message =
    status === 404 ? `model: ${model}` : (statusMessages[status] ?? `Fake upstream fault: status ${status}.`);
  return anthropicError(anthropicErrorType(status), message);
}

const typeNames: Record<string, string> = {
  string: 'string',
  number: 'number',
  int: 'integer',
  boolean: 'boolean',
  array: 'list',
  object: 'dictionary or object to extract fields from',
  record: 'dictionary',
};

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function issueMessage(issue: ValidationIssue): { at: Array<string | number>; message: string } {
  const at = issue.path;
  switch (issue.kind) {
    case 'unknown-keys':
      return { at: [...at, issue.keys[0] ?? ''], message: 'Extra inputs are not permitted' };
    case 'missing':
      return { at, message: 'Field required' };
    case 'type':
      return {
        at,
        message: `Input should be a valid ${typeNames[issue.expected[0] ?? ''] ?? issue.expected[0]}`,
      };
    case 'enum':
      if (issue.tag) {
        return {
          at: at.slice(0, -1),
          message: `Input tag '${String(issue.input)}' found using '${String(at.at(-1))}' does not match any of the expected tags: ${issue.values.map((value) => `'${String(value)}'`).join(', ')}`,
        };
      }
      return { at, message: `Input should be ${quotedList(issue.values, 'or', false)}` };
    case 'too-small': {
      const length = Array.isArray(issue.input) ? issue.input.length : String(issue.input ?? '').length;
      if (issue.origin === 'array')
        return {
          at,
          message: `List should have at least ${plural(issue.minimum, 'item')} after validation, not ${length}`,
        };
      if (issue.origin === 'string')
        return { at, message: `String should have at least ${plural(issue.minimum, 'character')}` };
      return {
        at,
        message: `Input should be greater than${issue.inclusive ? ' or equal to' : ''} ${issue.minimum}`,
      };
    }
    case 'too-big': {
      if (issue.origin === 'array') {
        const length = Array.isArray(issue.input) ? issue.input.length : 0;
        return {
          at,
          message: `List should have at most ${plural(issue.maximum, 'item')} after validation, not ${length}`,
        };
      }
      return {
        at,
        message: `Input should be less than${issue.inclusive ? ' or equal to' : ''} ${issue.maximum}`,
      };
    }
    case 'pattern':
      return { at, message: `String should match pattern '${issue.pattern.replace(/^\/|\/$/g, '')}'` };
    case 'custom':
      return { at, message: issue.message };
  }
}

/** The 400 the real API gives for a validation issue: `<path>: <message>`, pydantic-style. */
export function anthropicIssueError(issue: ValidationIssue): AnthropicErrorBody {
  const { at, message } = issueMessage(issue);
  return anthropicError('invalid_request_error', at.length > 0 ? `${at.join('.')}: ${message}` : message);
}
