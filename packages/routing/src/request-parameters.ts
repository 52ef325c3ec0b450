import type { ChatRequest } from '@signalbox/core';

/**
 * The OpenRouter-style names of the parameters a request uses (`tools`, `temperature`,
 * `response_format`...), for `provider.require_parameters`.
 */
export function requestParameters(request: ChatRequest): string[] {
  const used: string[] = [];
  const add = (name: string, value: unknown) => {
    if (value !== undefined) used.push(name);
  };
  add('max_tokens', request.maxOutputTokens);
  add('temperature', request.temperature);
  add('top_p', request.topP);
  add('top_k', request.topK);
  add('presence_penalty', request.presencePenalty);
  add('frequency_penalty', request.frequencyPenalty);
  add('stop', request.stopSequences);
  add('seed', request.seed);
  add('logprobs', request.logprobs);
  add('top_logprobs', request.topLogprobs);
  add('reasoning', request.reasoning);
  add('parallel_tool_calls', request.parallelToolCalls);
  if (request.tools && request.tools.length > 0) used.push('tools');
  add('tool_choice', request.toolChoice);
  if (request.responseFormat?.type === 'json') {
    used.push(request.responseFormat.schema ? 'structured_outputs' : 'response_format');
  }
  return used;
}
