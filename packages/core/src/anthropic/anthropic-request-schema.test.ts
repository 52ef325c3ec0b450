import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  anthropicCountTokensRequestSchema,
  anthropicMessagesRequestSchema,
} from './anthropic-request-schema.js';

const request = JSON.parse(
  readFileSync(new URL('./__fixtures__/anthropic-request.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('anthropicMessagesRequestSchema', () => {
  it('accepts a full request and keeps unknown fields', () => {
    const parsed = anthropicMessagesRequestSchema.parse(request);
    expect(parsed.context_management).toEqual({ edits: [{ type: 'clear_tool_uses_20250919' }] });
    expect(parsed.models).toEqual(['anthropic/claude-sonnet-4.5', 'openai/gpt-4o']);
    expect(parsed.tools?.[1]).toEqual({ type: 'web_search_20250305', name: 'web_search', max_uses: 5 });
  });

  it('accepts provider tools without a name and blocks of future types', () => {
    const parsed = anthropicMessagesRequestSchema.parse({
      model: 'm',
      max_tokens: 1,
      tools: [{ type: 'mcp_toolset', mcp_server_name: 'example' }],
      messages: [{ role: 'user', content: [{ type: 'future_block', payload: 1 }] }],
    });
    expect(parsed.messages[0]?.content).toEqual([{ type: 'future_block', payload: 1 }]);
  });

  it('requires max_tokens, unlike the count-tokens schema', () => {
    const { max_tokens: _, ...withoutMaxTokens } = request;
    expect(anthropicMessagesRequestSchema.safeParse(withoutMaxTokens).success).toBe(false);
    expect(anthropicCountTokensRequestSchema.safeParse(withoutMaxTokens).success).toBe(true);
  });
});
