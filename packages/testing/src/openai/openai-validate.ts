import { asArray, asString, isRecord } from '../fake/json.js';
import { validationIssues } from '../fake/validation-issues.js';
import { type OpenAIErrorBody, openAIError, openAIIssueError } from './openai-errors.js';
import { openAIChatRequestSchema } from './openai-schemas.js';

const imageMediaTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

function checkToolTurns(messages: unknown[]): OpenAIErrorBody | undefined {
  let pending: { index: number; ids: Set<string> } | undefined;
  let answerable: Set<string> | undefined;
  const unanswered = (index: number, ids: Set<string>) =>
    openAIError(
      `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...ids].join(', ')}`,
      { param: `messages.[${index}].role` },
    );
  for (const [index, message] of messages.entries()) {
    if (!isRecord(message)) continue;
    if (message.role === 'tool') {
      const id = asString(message.tool_call_id) ?? '';
      if (!answerable) {
        return openAIError(
          "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          { param: `messages.[${index}].role` },
        );
      }
      if (!answerable.has(id)) {
        return openAIError(
          `Invalid parameter: 'tool_call_id' of '${id}' not found in 'tool_calls' of previous message.`,
          {
            param: `messages.[${index}].tool_call_id`,
          },
        );
      }
      pending?.ids.delete(id);
      continue;
    }
    if (pending && pending.ids.size > 0) return unanswered(pending.index, pending.ids);
    pending = undefined;
    answerable = undefined;
    const calls = asArray(message.tool_calls);
    if (message.role === 'assistant' && calls.length > 0) {
      const ids = calls.map((call) => (isRecord(call) ? String(call.id) : ''));
      pending = { index, ids: new Set(ids) };
      answerable = new Set(ids);
    }
  }
  if (pending && pending.ids.size > 0) return unanswered(pending.index, pending.ids);
  return undefined;
}

function checkMessage(message: unknown, index: number): OpenAIErrorBody | undefined {
  if (!isRecord(message)) return undefined;
  if (message.role === 'assistant') {
    const hasContent = message.content !== undefined && message.content !== null;
    const hasOther = asArray(message.tool_calls).length > 0 || !!message.function_call || !!message.audio;
    if (!hasContent && !hasOther && typeof message.refusal !== 'string') {
      return openAIError("Invalid value for 'content': expected a string, got null.", {
        param: `messages.[${index}].content`,
      });
    }
  }
  for (const [partIndex, part] of asArray(message.content).entries()) {
    if (!isRecord(part) || part.type !== 'image_url' || !isRecord(part.image_url)) continue;
    const url = asString(part.image_url.url) ?? '';
    const param = `messages[${index}].content[${partIndex}].image_url.url`;
    if (url.startsWith('data:')) {
      const mediaType = url.slice(5).split(/[;,]/)[0] ?? '';
      if (!imageMediaTypes.includes(mediaType) || !url.includes(';base64,')) {
        return openAIError(
          `Invalid '${param}'. Expected a base64-encoded data URL with an image MIME type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='), but got unsupported MIME type '${mediaType}'.`,
          { param, code: 'invalid_image_url' },
        );
      }
    } else if (!/^https?:\/\//.test(url)) {
      return openAIError(
        `Invalid image URL: '${param}'. Expected a valid URL, but got a value with an invalid format.`,
        {
          param,
          code: 'invalid_value',
        },
      );
    }
  }
  return undefined;
}

function onlyWith(name: string, requirement: string): OpenAIErrorBody {
  return openAIError(`Invalid value for '${name}': '${name}' is only allowed when ${requirement}.`, {
    param: name,
  });
}

/**
 * Validates a Chat Completions request body the way the real API does and returns the error
 * body of the first problem found, or undefined when the request is valid.
 */
export function validateOpenAIRequest(body: unknown): OpenAIErrorBody | undefined {
  if (!isRecord(body)) return openAIError('Invalid request body: expected a JSON object.');
  const [issue] = validationIssues(openAIChatRequestSchema, body);
  if (issue) return openAIIssueError(issue);
  if (body.stream_options !== undefined && body.stream_options !== null && body.stream !== true) {
    return openAIError("The 'stream_options' parameter is only allowed when 'stream' is enabled.", {
      param: 'stream_options',
    });
  }
  const hasTools = asArray(body.tools).length > 0;
  if (body.tool_choice !== undefined && !hasTools) return onlyWith('tool_choice', "'tools' are specified");
  if (body.parallel_tool_calls !== undefined && body.parallel_tool_calls !== null && !hasTools) {
    return onlyWith('parallel_tool_calls', "'tools' are specified");
  }
  if (typeof body.top_logprobs === 'number' && body.logprobs !== true) {
    return onlyWith('top_logprobs', "'logprobs' is true");
  }
  const messages = asArray(body.messages);
  for (const [index, message] of messages.entries()) {
    const error = checkMessage(message, index);
    if (error) return error;
  }
  return checkToolTurns(messages);
}
