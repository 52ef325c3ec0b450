import type { ValidationIssue } from '../fake/validation-issues.js';
import { describeValue, quotedList } from '../fake/wording.js';

/** OpenAI's error body: `{error: {message, type, param, code}}`. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** Builds an OpenAI error body (`type` defaults to `invalid_request_error`). */
export function openAIError(
  message: string,
  options: { type?: string; param?: string | null; code?: string | null } = {},
): OpenAIErrorBody {
  return {
    error: {
      message,
      type: options.type ?? 'invalid_request_error',
      param: options.param ?? null,
      code: options.code ?? null,
    },
  };
}

/** `messages[0].content[1].type`: OpenAI's spelling of a body path. */
export function openAIParam(path: Array<string | number>): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`))
    .join('');
}

const expectedNames: Record<string, string> = {
  string: 'a string',
  number: 'a decimal',
  int: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
  record: 'an object',
};

/** The error the real API gives for a validation issue, worded as OpenAI words it. */
export function openAIIssueError(issue: ValidationIssue): OpenAIErrorBody {
  const param = openAIParam(issue.path);
  switch (issue.kind) {
    case 'unknown-keys':
      return openAIError(
        issue.keys.length === 1
          ? `Unrecognized request argument supplied: ${issue.keys[0]}`
          : `Unrecognized request arguments supplied: ${issue.keys.join(', ')}`,
      );
    case 'missing':
      if (param === 'model') return openAIError('you must provide a model parameter');
      return openAIError(`Missing required parameter: '${param}'.`, {
        param,
        code: 'missing_required_parameter',
      });
    case 'type': {
      const expected = issue.expected.map((name) => expectedNames[name] ?? name);
      const wanted = expected.length === 1 ? expected[0] : `one of ${expected.join(' or ')}`;
      return openAIError(
        `Invalid type for '${param}': expected ${wanted}, but got ${describeValue(issue.input)} instead.`,
        { param, code: 'invalid_type' },
      );
    }
    case 'enum':
      return openAIError(
        `Invalid value: '${String(issue.input)}'. Supported values are: ${quotedList(issue.values, 'and', true)}.`,
        { param, code: 'invalid_value' },
      );
    case 'too-small':
      if (issue.origin === 'array') {
        const length = Array.isArray(issue.input) ? issue.input.length : 0;
        return length === 0
          ? openAIError(
              `Invalid '${param}': empty array. Expected an array with minimum length ${issue.minimum}, but got an empty array instead.`,
              { param, code: 'empty_array' },
            )
          : openAIError(
              `Invalid '${param}': array too short. Expected an array with minimum length ${issue.minimum}, but got an array with length ${length} instead.`,
              { param, code: 'array_below_min_length' },
            );
      }
      return openAIError(
        `Invalid '${param}': ${describeNumber(issue.input)} below minimum value. Expected a value >= ${issue.minimum}, but got ${String(issue.input)} instead.`,
        { param, code: `${describeNumber(issue.input)}_below_min_value` },
      );
    case 'too-big':
      if (issue.origin === 'array') {
        const length = Array.isArray(issue.input) ? issue.input.length : 0;
        return openAIError(
          `Invalid '${param}': array too long. Expected an array with maximum length ${issue.maximum}, but got an array with length ${length} instead.`,
          { param, code: 'array_above_max_length' },
        );
      }
      return openAIError(
        `Invalid '${param}': ${describeNumber(issue.input)} above maximum value. Expected a value <= ${issue.maximum}, but got ${String(issue.input)} instead.`,
        { param, code: `${describeNumber(issue.input)}_above_max_value` },
      );
    case 'pattern':
      return openAIError(
        `Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '${issue.pattern.replace(/^\/|\/$/g, '')}'.`,
        { param, code: 'invalid_value' },
      );
    case 'custom':
      return openAIError(issue.message, { param });
  }
}

function describeNumber(value: unknown): 'integer' | 'decimal' {
  return typeof value === 'number' && Number.isInteger(value) ? 'integer' : 'decimal';
}

/** The body OpenAI answers with for an error status the fault directives ask for. */
export function openAIStatusError(
  status: number,
  model: string,
  retryAfter: number | undefined,
): OpenAIErrorBody {
  switch (status) {
    case 401:
      return openAIError(
        'Incorrect API key provided: sk-***. You can find your API key at https://platform.openai.com/account/api-keys.',
        {
          code: 'invalid_api_key',
        },
      );
    case 403:
      return openAIError(`You are not allowed to sample from this model: ${model}.`, {
        code: 'model_not_allowed',
      });
    case 404:
      return openAIError(`The model \`${model}\` does not exist or you do not have access to it.`, {
        code: 'model_not_found',
      });
    case 429:
      return openAIError(
        `Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${retryAfter ?? 20}s.`,
        { type: 'requests', code: 'rate_limit_exceeded' },
      );
    case 500:
      return openAIError('The server had an error while processing your request. Sorry about that!', {
        type: 'server_error',
      });
    case 503:
      return openAIError('The server is overloaded or not ready yet.', { type: 'server_error' });
    default:
      return openAIError(`Fake upstream fault: status ${status} for ${model}.`, {
        type: status >= 500 ? 'server_error' : 'invalid_request_error',
      });
  }
}
