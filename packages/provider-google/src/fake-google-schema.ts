import { z } from 'zod';

/**
 * The shape of a `generateContent` request as the Gemini API (`v1beta`) and Vertex AI (`v1`)
 * document it, strict: a field the API does not know is an error, as it is for the real API
 * ("Unknown name ... Cannot find field."). Semantic rules (roles, function call pairing,
 * ranges) are checked by `validateGoogleRequest`.
 */

const schemaTypes = new Set([
  'TYPE_UNSPECIFIED',
  'STRING',
  'NUMBER',
  'INTEGER',
  'BOOLEAN',
  'ARRAY',
  'OBJECT',
  'NULL',
]);
const int64 = z.union([z.int(), z.string().regex(/^\d+$/)]);

/** Gemini's `Schema` (an OpenAPI 3.0 subset); the `type` enum is read case-insensitively. */
export const googleSchemaSchema: z.ZodType = z.lazy(() =>
  z.strictObject({
    type: z
      .string()
      .refine((value) => schemaTypes.has(value.toUpperCase()), { message: 'type' })
      .optional(),
    format: z.string().optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    nullable: z.boolean().optional(),
    enum: z.array(z.string()).optional(),
    maxItems: int64.optional(),
    minItems: int64.optional(),
    properties: z.record(z.string(), googleSchemaSchema).optional(),
    required: z.array(z.string()).optional(),
    minProperties: int64.optional(),
    maxProperties: int64.optional(),
    minLength: int64.optional(),
    maxLength: int64.optional(),
    pattern: z.string().optional(),
    example: z.unknown().optional(),
    anyOf: z.array(googleSchemaSchema).optional(),
    propertyOrdering: z.array(z.string()).optional(),
    default: z.unknown().optional(),
    items: googleSchemaSchema.optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
  }),
);

const struct = z.record(z.string(), z.unknown());

const partSchema = z.strictObject({
  text: z.string().optional(),
  inlineData: z.strictObject({ mimeType: z.string(), data: z.string() }).optional(),
  fileData: z.strictObject({ mimeType: z.string().optional(), fileUri: z.string() }).optional(),
  functionCall: z
    .strictObject({ id: z.string().optional(), name: z.string(), args: struct.optional() })
    .optional(),
  functionResponse: z
    .strictObject({
      id: z.string().optional(),
      name: z.string(),
      response: struct,
      parts: z.array(struct).optional(),
      willContinue: z.boolean().optional(),
      scheduling: z.string().optional(),
    })
    .optional(),
  executableCode: struct.optional(),
  codeExecutionResult: struct.optional(),
  videoMetadata: struct.optional(),
  thought: z.boolean().optional(),
  thoughtSignature: z.string().optional(),
  partMetadata: struct.optional(),
});

/** The data fields of a part: exactly one must be set. */
export const partDataFields = [
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
  'executableCode',
  'codeExecutionResult',
] as const;

const contentSchema = z.strictObject({ role: z.string().optional(), parts: z.array(partSchema) });

const functionDeclarationSchema = z.strictObject({
  name: z.string(),
  description: z.string().optional(),
  behavior: z.string().optional(),
  parameters: googleSchemaSchema.optional(),
  parametersJsonSchema: z.unknown().optional(),
  response: googleSchemaSchema.optional(),
  responseJsonSchema: z.unknown().optional(),
});

const toolSchema = z.strictObject({
  functionDeclarations: z.array(functionDeclarationSchema).optional(),
  googleSearch: struct.optional(),
  googleSearchRetrieval: struct.optional(),
  codeExecution: struct.optional(),
  urlContext: struct.optional(),
  googleMaps: struct.optional(),
  fileSearch: struct.optional(),
  computerUse: struct.optional(),
  retrieval: struct.optional(),
  enterpriseWebSearch: struct.optional(),
});

const generationConfigSchema = z.strictObject({
  stopSequences: z.array(z.string()).optional(),
  responseMimeType: z.string().optional(),
  responseSchema: googleSchemaSchema.optional(),
  responseJsonSchema: z.unknown().optional(),
  responseModalities: z.array(z.string()).optional(),
  candidateCount: z.int().optional(),
  maxOutputTokens: z.int().optional(),
  temperature: z.number().optional(),
  topP: z.number().optional(),
  topK: z.int().optional(),
  seed: z.int().optional(),
  presencePenalty: z.number().optional(),
  frequencyPenalty: z.number().optional(),
  responseLogprobs: z.boolean().optional(),
  logprobs: z.int().optional(),
  enableEnhancedCivicAnswers: z.boolean().optional(),
  speechConfig: struct.optional(),
  imageConfig: struct.optional(),
  mediaResolution: z.string().optional(),
  thinkingConfig: z
    .strictObject({
      includeThoughts: z.boolean().optional(),
      thinkingBudget: z.int().optional(),
      thinkingLevel: z.string().optional(),
    })
    .optional(),
});

const requestFields = {
  model: z.string().optional(),
  contents: z.array(contentSchema),
  systemInstruction: contentSchema.optional(),
  tools: z.array(toolSchema).optional(),
  toolConfig: z
    .strictObject({
      functionCallingConfig: z
        .strictObject({
          mode: z.enum(['MODE_UNSPECIFIED', 'AUTO', 'ANY', 'NONE', 'VALIDATED']).optional(),
          allowedFunctionNames: z.array(z.string()).optional(),
        })
        .optional(),
      retrievalConfig: struct.optional(),
    })
    .optional(),
  safetySettings: z
    .array(z.strictObject({ category: z.string(), threshold: z.string(), method: z.string().optional() }))
    .optional(),
  generationConfig: generationConfigSchema.optional(),
  cachedContent: z.string().optional(),
};

/** The Gemini API's request body. */
export const geminiRequestSchema = z.strictObject(requestFields);

/** Vertex AI's request body: the same, plus `labels`. */
export const vertexRequestSchema = z.strictObject({
  ...requestFields,
  labels: z.record(z.string(), z.string()).optional(),
});

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** A body path as Google spells it in messages: `contents[0].parts[1].inline_data`. */
export function protoPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? snake(String(key)) : `.${snake(String(key))}`;
  }
  return text;
}

const protoTypes: Record<string, string> = {
  string: 'TYPE_STRING',
  number: 'TYPE_FLOAT',
  int: 'TYPE_INT32',
  boolean: 'TYPE_BOOL',
};

/** A zod issue worded as Google words the same problem. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = protoPath(issue.path);
  const field = snake(String(issue.path.at(-1) ?? 'request'));
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys
        .map((key) =>
          path === ''
            ? `Invalid JSON payload received. Unknown name "${key}": Cannot find field.`
            : `Invalid JSON payload received. Unknown name "${key}" at '${path}': Cannot find field.`,
        )
        .join('\n');
    case 'invalid_type': {
      if (issue.input === undefined) return `* GenerateContentRequest.${path}: ${field} is not specified`;
      const type = protoTypes[String(issue.expected)];
      if (type !== undefined) return `Invalid value at '${path}' (${type}), ${JSON.stringify(issue.input)}`;
      return `Invalid JSON payload received. Expected ${issue.expected} at '${path}', got ${JSON.stringify(issue.input)}.`;
    }
    case 'invalid_value':
      return `Invalid value at '${path}' (enum), ${JSON.stringify(issue.input)}`;
    case 'custom':
      return `Invalid value at '${path}' (type.googleapis.com/google.ai.generativelanguage.v1beta.Type), ${JSON.stringify(issue.input)}`;
    default:
      return `* GenerateContentRequest.${path}: ${issue.message}`;
  }
}
