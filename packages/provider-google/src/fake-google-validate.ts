import { type GoogleErrorBody, invalidArgument } from './fake-google-errors.js';
import {
  describeIssue,
  geminiRequestSchema,
  partDataFields,
  vertexRequestSchema,
} from './fake-google-schema.js';

type Json = Record<string, unknown>;

interface Part extends Json {
  text?: string;
  functionCall?: { name: string };
  functionResponse?: { name: string };
  thoughtSignature?: string;
  inlineData?: { mimeType: string; data: string };
  fileData?: { mimeType?: string; fileUri: string };
}

interface Content {
  role?: string;
  parts: Part[];
}

/** Options of {@link validateGoogleRequest}. */
export interface ValidateGoogleRequestOptions {
  /** Vertex AI: `labels` allowed. */
  vertex: boolean;
  /** The model of the URL, for model-specific rules (Gemini 3 signatures, Pro thinking). */
  model: string;
}

const functionName = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;
const mimeTypes = ['text/plain', 'application/json', 'application/xml', 'application/yaml', 'text/x.enum'];

const messages = {
  emptyText:
    'Unable to submit request because it has an empty text parameter. Add a value to the parameter and try again.',
  role: 'Please use a valid role: user, model.',
  responseCount:
    'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.',
  responseTurn: 'Please ensure that function response turn comes immediately after a function call turn.',
  callTurn:
    'Please ensure that function call turn comes immediately after a user turn or after a function response turn.',
  functionName:
    'Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 64.',
};

function fail(message: string): GoogleErrorBody {
  return invalidArgument(message, [message]);
}

function field(path: string, message: string): GoogleErrorBody {
  return fail(`* GenerateContentRequest.${path}: ${message}\n`);
}

function checkPart(part: Part, path: string, role: string): GoogleErrorBody | undefined {
  const set = partDataFields.filter((name) => part[name] !== undefined);
  if (set.length !== 1)
    return field(`${path}.data`, "required oneof field 'data' must have one initialized field");
  if (part.text === '') return fail(messages.emptyText);
  if (part.inlineData && (part.inlineData.mimeType === '' || part.inlineData.data === ''))
    return field(`${path}.inline_data`, 'inline_data must have a mime_type and data');
  const file = part.fileData;
  if (file && !file.fileUri.includes('/files/') && !file.mimeType)
    return field(`${path}.file_data.mime_type`, 'mime_type must be set for a file URI');
  if (part.functionCall && role !== 'model')
    return field(`${path}.function_call`, 'function_call is only allowed in a model turn');
  if (part.functionResponse && role !== 'user')
    return field(`${path}.function_response`, 'function_response is only allowed in a user turn');
  return undefined;
}

function checkTurns(contents: Content[], model: string): GoogleErrorBody | undefined {
  if (contents.length === 0) return field('contents', 'contents is not specified');
  for (const [index, content] of contents.entries()) {
    const role = content.role ?? 'user';
    if (role !== 'user' && role !== 'model') return fail(messages.role);
    if (content.parts.length === 0)
      return field(`contents[${index}].parts`, 'contents.parts must not be empty.');
    for (const [partIndex, part] of content.parts.entries()) {
      const problem = checkPart(part, `contents[${index}].parts[${partIndex}]`, role);
      if (problem) return problem;
    }
    const calls = content.parts.filter((part) => part.functionCall).length;
    const responses = content.parts.filter((part) => part.functionResponse).length;
    const previous = contents[index - 1];
    const previousCalls = previous?.parts.filter((part) => part.functionCall).length ?? 0;
    if (responses > 0) {
      if (previous?.role !== 'model' || previousCalls === 0) return fail(messages.responseTurn);
      if (responses !== previousCalls) return fail(messages.responseCount);
    }
    if (calls > 0 && (previous === undefined || (previous.role ?? 'user') !== 'user'))
      return fail(messages.callTurn);
  }
  return checkSignatures(contents, model);
}

/** Gemini 3 rejects an unsigned function call in the current turn (since the last user text). */
function checkSignatures(contents: Content[], model: string): GoogleErrorBody | undefined {
  if (!/^gemini-3/.test(model)) return undefined;
  let start = 0;
  contents.forEach((content, index) => {
    if ((content.role ?? 'user') === 'user' && content.parts.some((part) => !part.functionResponse))
      start = index;
  });
  for (const [index, content] of contents.entries()) {
    if (index < start || content.role !== 'model') continue;
    const first = content.parts.find((part) => part.functionCall);
    if (first && !first.thoughtSignature) {
      return fail(
        `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${first.functionCall?.name}\` , position ${index + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`,
      );
    }
  }
  return undefined;
}

function checkObjectSchemas(schema: unknown, path: string): GoogleErrorBody | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const { type, properties, items, anyOf } = schema as Json;
  const props = typeof properties === 'object' && properties !== null ? (properties as Json) : undefined;
  if (String(type).toUpperCase() === 'OBJECT' && (!props || Object.keys(props).length === 0))
    return field(`${path}.properties`, 'should be non-empty for OBJECT type');
  for (const [name, property] of Object.entries(props ?? {})) {
    const problem = checkObjectSchemas(property, `${path}.properties[${name}]`);
    if (problem) return problem;
  }
  const nested = [...(Array.isArray(anyOf) ? anyOf : []), ...(items === undefined ? [] : [items])];
  for (const member of nested) {
    const problem = checkObjectSchemas(member, path);
    if (problem) return problem;
  }
  return undefined;
}

function checkTools(body: Json): GoogleErrorBody | undefined {
  const declared = new Set<string>();
  const tools = (body.tools ?? []) as Array<{
    functionDeclarations?: Array<{ name: string; parameters?: unknown }>;
  }>;
  for (const [toolIndex, tool] of tools.entries()) {
    for (const [index, declaration] of (tool.functionDeclarations ?? []).entries()) {
      const path = `tools[${toolIndex}].function_declarations[${index}]`;
      if (!functionName.test(declaration.name)) return field(`${path}.name`, messages.functionName);
      declared.add(declaration.name);
      const problem = checkObjectSchemas(declaration.parameters, `${path}.parameters`);
      if (problem) return problem;
    }
  }
  const config = (
    body.toolConfig as { functionCallingConfig?: { mode?: string; allowedFunctionNames?: string[] } }
  )?.functionCallingConfig;
  const allowed = config?.allowedFunctionNames;
  if (allowed !== undefined && allowed.length > 0) {
    const path = 'tool_config.function_calling_config.allowed_function_names';
    if (config?.mode !== 'ANY' && config?.mode !== 'VALIDATED')
      return field(path, 'allowed_function_names should be set only when the mode is ANY.');
    const unknown = allowed.find((name) => !declared.has(name));
    if (unknown !== undefined) return field(path, `function '${unknown}' is not declared in tools`);
  }
  return undefined;
}

function checkGenerationConfig(config: Json | undefined, model: string): GoogleErrorBody | undefined {
  if (config === undefined) return undefined;
  const at = (name: string) => `generation_config.${name}`;
  const range = (name: string, low: number, high: number) => {
    const value = config[name];
    return typeof value === 'number' && (value < low || value > high)
      ? field(
          at(name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)),
          `must be between ${low} and ${high}, got ${value}`,
        )
      : undefined;
  };
  const problem =
    range('temperature', 0, 2) ??
    range('topP', 0, 1) ??
    range('topK', 1, 1_000_000) ??
    range('maxOutputTokens', 1, 65_536) ??
    range('candidateCount', 1, 8) ??
    range('logprobs', 0, 20);
  if (problem) return problem;
  const stops = config.stopSequences;
  if (Array.isArray(stops) && stops.length > 5)
    return field(at('stop_sequences'), 'at most 5 stop sequences are allowed');
  const mime = config.responseMimeType;
  if (typeof mime === 'string' && !mimeTypes.includes(mime))
    return field(
      at('response_mime_type'),
      `allowed mimetypes are ${mimeTypes.map((type) => `\`${type}\``).join(', ')}.`,
    );
  if (config.responseSchema !== undefined && config.responseJsonSchema !== undefined)
    return field(at('response_schema'), 'response_schema and response_json_schema cannot both be set');
  if ((config.responseSchema !== undefined || config.responseJsonSchema !== undefined) && mime === undefined)
    return field(at('response_mime_type'), 'a response schema needs response_mime_type application/json');
  const thinking = config.thinkingConfig as { thinkingBudget?: number; thinkingLevel?: string } | undefined;
  if (thinking?.thinkingBudget !== undefined && thinking.thinkingLevel !== undefined)
    return fail('You can only set only one of thinking budget and thinking level.');
  if (thinking?.thinkingBudget === 0 && /-pro/.test(model))
    return fail('Budget 0 is invalid. This model only works in thinking mode.');
  if (thinking?.thinkingBudget !== undefined && thinking.thinkingBudget < -1)
    return field(at('thinking_config.thinking_budget'), 'must be -1 (dynamic) or at least 0');
  return checkObjectSchemas(config.responseSchema, at('response_schema'));
}

/**
 * Validates a `generateContent` body as the real API does and returns the 400 it would answer,
 * or undefined when the request is valid: the documented shape, strictly (unknown fields,
 * wrong types), then `contents` present with valid roles (`user`, `model`) and non-empty parts
 * holding one data field each and no empty text, function calls only in model turns right after
 * a user or function-response turn, function responses right after a call turn with as many
 * parts as it had calls, signed function calls on Gemini 3, valid function names, object schemas
 * with properties, `allowedFunctionNames` only with mode `ANY`, and `generationConfig` ranges.
 */
export function validateGoogleRequest(
  body: unknown,
  options: ValidateGoogleRequestOptions,
): GoogleErrorBody | undefined {
  const schema = options.vertex ? vertexRequestSchema : geminiRequestSchema;
  const parsed = schema.safeParse(body, { reportInput: true });
  if (!parsed.success) {
    const text = parsed.error.issues.map(describeIssue).join('\n');
    return fail(text);
  }
  const request = parsed.data as Json & { contents: Content[]; systemInstruction?: Content };
  const system = request.systemInstruction;
  if (system !== undefined) {
    if (system.parts.length === 0)
      return field('system_instruction.parts', 'contents.parts must not be empty.');
    if (system.parts.some((part) => part.text === undefined || part.text === ''))
      return field('system_instruction.parts', 'system_instruction takes text parts only');
  }
  return (
    checkTurns(request.contents, options.model) ??
    checkTools(request) ??
    checkGenerationConfig(request.generationConfig as Json | undefined, options.model)
  );
}
