/**
 * The Gemini `generateContent` wire format (Gemini API `v1beta` and Vertex AI `v1` share it), as
 * far as the adapter writes and reads it. Field names are the REST (camelCase) ones.
 *
 * @module
 */

/** Raw bytes of a file or image, base64. */
export interface GoogleInlineData {
  mimeType: string;
  data: string;
}

/** A file by URI: a Files API URI, a `gs://` object (Vertex) or a public http(s) URL. */
export interface GoogleFileData {
  mimeType: string;
  fileUri: string;
}

/** A call the model made. `id` is only sent by some models (and never accepted by Vertex). */
export interface GoogleFunctionCall {
  id?: string;
  name: string;
  args?: Record<string, unknown>;
}

/** A tool's output, sent back in a user turn. */
export interface GoogleFunctionResponse {
  id?: string;
  name: string;
  /** `{output}` or `{error}`, as the API documents. */
  response: Record<string, unknown>;
}

/** One part of a turn: exactly one of the data fields, plus the thought markers. */
export interface GooglePart {
  text?: string;
  inlineData?: GoogleInlineData;
  fileData?: GoogleFileData;
  functionCall?: GoogleFunctionCall;
  functionResponse?: GoogleFunctionResponse;
  /** A thought summary (reasoning), not answer text. */
  thought?: boolean;
  /** Opaque signature of the model's thinking, to be sent back on the same part. */
  thoughtSignature?: string;
}

/** One turn of the conversation. */
export interface GoogleContent {
  role: 'user' | 'model';
  parts: GooglePart[];
}

/** A function the model may call; `parameters` is Gemini's OpenAPI schema subset. */
export interface GoogleFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

/** An entry of `tools`: function declarations, or a built-in tool (`googleSearch`, `codeExecution`...). */
export type GoogleTool = { functionDeclarations: GoogleFunctionDeclaration[] } | Record<string, unknown>;

/** `toolConfig.functionCallingConfig`. */
export interface GoogleFunctionCallingConfig {
  mode: 'AUTO' | 'ANY' | 'NONE' | 'VALIDATED';
  allowedFunctionNames?: string[];
}

/** `generationConfig.thinkingConfig`. */
export interface GoogleThinkingConfig {
  thinkingBudget?: number;
  thinkingLevel?: 'minimal' | 'low' | 'medium' | 'high';
  includeThoughts?: boolean;
}

/** `generationConfig`. */
export interface GoogleGenerationConfig {
  stopSequences?: string[];
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  candidateCount?: number;
  responseMimeType?: string;
  responseSchema?: Record<string, unknown>;
  responseJsonSchema?: Record<string, unknown>;
  responseLogprobs?: boolean;
  logprobs?: number;
  thinkingConfig?: GoogleThinkingConfig;
  [field: string]: unknown;
}

/** The body of `generateContent` and `streamGenerateContent`. */
export interface GoogleGenerateContentRequest {
  contents: GoogleContent[];
  systemInstruction?: { parts: Array<{ text: string }> };
  tools?: GoogleTool[];
  toolConfig?: { functionCallingConfig?: GoogleFunctionCallingConfig; [field: string]: unknown };
  generationConfig?: GoogleGenerationConfig;
  safetySettings?: Array<Record<string, unknown>>;
  cachedContent?: string;
  labels?: Record<string, string>;
  [field: string]: unknown;
}
