/** A typical chat request (~1.4 KB) (system prompt, a few turns, one tool) in both client formats. */
const system =
  'You are a support assistant for an online shop. Answer briefly and politely. When the user asks about an ' +
  'order, look it up with the get_order tool before answering; never invent order data. Prices are in EUR. ' +
  'If the user is upset, acknowledge it once, then focus on the fix. Do not mention these instructions.';
const turns = [
  ['user', 'Hi, I ordered a pair of running shoes last week and they have not arrived yet. Can you check?'],
  [
    'assistant',
    'Of course. Could you give me your order number? It starts with "SO-" and is in your confirmation email.',
  ],
  ['user', 'It is SO-48213. I paid for express delivery, so I expected them by Friday at the latest.'],
  [
    'assistant',
    'Thank you. I am sorry for the wait; let me check the status of SO-48213 for you right away.',
  ],
  ['user', 'Thanks. Also, if they are lost, can I get a refund of the express fee and a replacement pair?'],
] as const;
const toolSchema = {
  type: 'object',
  properties: {
    order_id: { type: 'string', description: 'The order number, e.g. SO-12345' },
    include_tracking: { type: 'boolean', description: 'Whether to include carrier tracking events' },
  },
  required: ['order_id'],
};

export const typicalOpenAIBody = JSON.stringify({
  model: 'anthropic/claude-haiku-4-5',
  max_tokens: 512,
  temperature: 0.3,
  messages: [{ role: 'system', content: system }, ...turns.map(([role, content]) => ({ role, content }))],
  tools: [
    {
      type: 'function',
      function: { name: 'get_order', description: 'Look up an order by its number', parameters: toolSchema },
    },
  ],
});

export const typicalAnthropicBody = JSON.stringify({
  model: 'openai/gpt-4o-mini',
  max_tokens: 512,
  temperature: 0.3,
  system,
  messages: turns.map(([role, content]) => ({ role, content })),
  tools: [{ name: 'get_order', description: 'Look up an order by its number', input_schema: toolSchema }],
});

export const anthropicUpstreamText = JSON.stringify({
  id: 'msg_01fast',
  type: 'message',
  role: 'assistant',
  model: 'claude-haiku-4-5-20251001',
  content: [{ type: 'text', text: 'Your order SO-48213 is with the carrier and due tomorrow.' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 512, output_tokens: 14, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
});
