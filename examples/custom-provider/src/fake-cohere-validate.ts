import { z } from 'zod';

const text = z.strictObject({ type: z.literal('text'), text: z.string() });
const image = z.strictObject({
  type: z.literal('image_url'),
  image_url: z.strictObject({ url: z.string().min(1), detail: z.enum(['auto', 'low', 'high']).optional() }),
});
const document = z.strictObject({
  type: z.literal('document'),
  document: z.looseObject({
    data: z.union([z.string(), z.record(z.string(), z.unknown())]),
    id: z.string().optional(),
  }),
});
const thinking = z.strictObject({ type: z.literal('thinking'), thinking: z.string() });
const toolCall = z.strictObject({
  id: z.string().min(1),
  type: z.literal('function'),
  function: z.strictObject({ name: z.string().min(1), arguments: z.string() }),
});

const message = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('system'), content: z.union([z.string(), z.array(text)]) }),
  z.strictObject({
    role: z.literal('user'),
    content: z.union([z.string(), z.array(z.discriminatedUnion('type', [text, image, document]))]),
  }),
  z.strictObject({
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(z.discriminatedUnion('type', [text, thinking]))]).optional(),
    tool_plan: z.string().optional(),
    tool_calls: z.array(toolCall).optional(),
    citations: z.array(z.unknown()).optional(),
  }),
  z.strictObject({
    role: z.literal('tool'),
    tool_call_id: z.string().min(1),
    content: z.union([z.string(), z.array(z.discriminatedUnion('type', [text, document]))]),
  }),
]);

const range = (name: string, min: number, max: number) =>
  z
    .number()
    .min(min, `${name} must be between ${min} and ${max} inclusive`)
    .max(max, `${name} must be between ${min} and ${max} inclusive`);

/** The documented body of `POST /v2/chat`; unknown fields are rejected as the real API does. */
const chatRequestSchema = z.strictObject({
  model: z.string().min(1),
  messages: z.array(message),
  stream: z.boolean().optional(),
  tools: z
    .array(
      z.strictObject({
        type: z.literal('function'),
        function: z.strictObject({
          name: z.string().min(1),
          description: z.string().optional(),
          parameters: z.record(z.string(), z.unknown()).optional(),
        }),
      }),
    )
    .optional(),
  tool_choice: z.enum(['REQUIRED', 'NONE']).optional(),
  strict_tools: z.boolean().optional(),
  documents: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])).optional(),
  citation_options: z.looseObject({}).optional(),
  response_format: z
    .discriminatedUnion('type', [
      z.strictObject({ type: z.literal('text') }),
      z.strictObject({
        type: z.literal('json_object'),
        json_schema: z.record(z.string(), z.unknown()).optional(),
      }),
    ])
    .optional(),
  safety_mode: z.enum(['CONTEXTUAL', 'STRICT', 'OFF']).optional(),
  max_tokens: z.int().positive().optional(),
  stop_sequences: z.array(z.string()).max(5).optional(),
  temperature: range('temperature', 0, 1).optional(),
  seed: z.int().optional(),
  frequency_penalty: range('frequency_penalty', 0, 1).optional(),
  presence_penalty: range('presence_penalty', 0, 1).optional(),
  k: z.int().min(0).max(500).optional(),
  p: range('p', 0.01, 0.99).optional(),
  logprobs: z.boolean().optional(),
  thinking: z
    .strictObject({ type: z.enum(['enabled', 'disabled']), token_budget: z.int().positive().optional() })
    .optional(),
  priority: z.int().min(0).optional(),
  raw_prompting: z.boolean().optional(),
});

/** A request body the fake accepted. */
export type FakeCohereRequest = z.infer<typeof chatRequestSchema>;

type Message = FakeCohereRequest['messages'][number];

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`,
    )
    .join('');
}

function schemaMessage(issue: z.core.$ZodIssue): string {
  const at = pathOf(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const where = at === '' ? '' : ` in ${at}`;
    return `invalid request: unknown field: parameter ${issue.keys[0]} is not a valid field${where}`;
  }
  if (at === 'model') return 'invalid request: a model parameter is required for this endpoint.';
  if (issue.code === 'invalid_union' && issue.path.at(-1) === 'role') {
    return `invalid request: invalid role in ${pathOf(issue.path.slice(0, -1))}: role must be one of system, user, assistant, tool.`;
  }
  if (issue.code === 'invalid_union') {
    // `string | items[]`: report the problem inside the items when the value was a list.
    const inner = issue.errors.find((branch) => (branch[0]?.path.length ?? 0) > 0)?.[0];
    if (inner) return schemaMessage({ ...inner, path: [...issue.path, ...inner.path] });
    if (issue.path.at(-1) === 'content')
      return `invalid request: ${at} must be a string or a list of content items.`;
  }
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.message.includes('inclusive'))
    return `invalid request: ${issue.message}.`;
  return `invalid request: ${at === '' ? 'body' : at}: ${issue.message}.`;
}

function isEmpty(content: string | unknown[] | undefined): boolean {
  return (
    content === undefined || (typeof content === 'string' ? content.trim() === '' : content.length === 0)
  );
}

/** Tool pairing: every tool message answers a call of the assistant turn before it, and every call is answered. */
function pairingError(messages: Message[]): string | undefined {
  let pending = new Map<string, number>();
  for (const [index, message] of messages.entries()) {
    if (message.role === 'tool') {
      if (!pending.delete(message.tool_call_id)) {
        return `invalid request: messages[${index}]: tool_call_id '${message.tool_call_id}' does not match a tool call of the preceding assistant message.`;
      }
      continue;
    }
    const [unanswered, at] = [...pending.entries()][0] ?? [];
    if (unanswered !== undefined)
      return `invalid request: messages[${at}]: tool call '${unanswered}' has no tool result before messages[${index}].`;
    pending = new Map();
    if (message.role === 'assistant')
      for (const call of message.tool_calls ?? []) pending.set(call.id, index);
  }
  const [unanswered, at] = [...pending.entries()][0] ?? [];
  return unanswered === undefined
    ? undefined
    : `invalid request: messages[${at}]: tool call '${unanswered}' has no tool result.`;
}

/**
 * Validates a `POST /v2/chat` body as the real API documents it: the known fields and their
 * ranges (unknown fields rejected), a model, non-empty messages with known roles and content
 * item types, user turns with content, assistant turns with content or tool calls, tool results
 * paired with the calls of the assistant turn before them, `tool_choice` only with tools.
 * Returns the request, or the message of the 400 Cohere would answer.
 */
export function validateCohereRequest(body: unknown): { request: FakeCohereRequest } | { error: string } {
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const first = issues.find((issue) => issue.code === 'unrecognized_keys') ?? issues[0];
    return { error: first ? schemaMessage(first) : 'invalid request: body must be a JSON object.' };
  }
  const request = parsed.data;
  if (request.messages.length === 0) return { error: 'invalid request: messages must not be empty.' };
  for (const [index, message] of request.messages.entries()) {
    if (message.role === 'user' && isEmpty(message.content))
      return {
        error: `invalid request: messages[${index}]: message must be at least 1 token long or tool results must be specified.`,
      };
    if (message.role === 'assistant' && isEmpty(message.content) && isEmpty(message.tool_calls))
      return {
        error: `invalid request: messages[${index}]: an assistant message must have content or tool_calls.`,
      };
  }
  const pairing = pairingError(request.messages);
  if (pairing) return { error: pairing };
  if (request.tool_choice !== undefined && isEmpty(request.tools))
    return { error: 'invalid request: tool_choice can only be set when tools are specified.' };
  return { request };
}
