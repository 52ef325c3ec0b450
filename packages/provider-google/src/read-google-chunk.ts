type WireObject = Record<string, unknown>;

function isObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** One part of a candidate's content, classified. */
export type GoogleOutputPart =
  | { kind: 'text'; text: string; signature: string | undefined }
  | { kind: 'reasoning'; text: string; signature: string | undefined }
  | {
      kind: 'function-call';
      id: string | undefined;
      name: string;
      args: unknown;
      signature: string | undefined;
    }
  /** A part with no canonical slot (`inlineData` output, `executableCode`...), kept for metadata. */
  | { kind: 'other'; part: WireObject; signature: string | undefined };

/** What one `GenerateContentResponse` (a whole answer, or one stream chunk) says. */
export interface GoogleChunk {
  /** The parts of the first candidate, in order. */
  parts: GoogleOutputPart[];
  finishReason: string | undefined;
  /** `promptFeedback.blockReason`: the prompt itself was blocked (no candidates). */
  blockReason: string | undefined;
  usageMetadata: WireObject | undefined;
  logprobsResult: unknown;
  /** Data with no canonical slot (safety ratings, grounding, citations...), for `providerMetadata`. */
  metadata: WireObject;
  responseId: string | undefined;
  modelVersion: string | undefined;
  /** Vertex's `createTime` (RFC 3339), as Unix seconds. */
  created: number | undefined;
}

const candidateMetadataKeys = [
  'safetyRatings',
  'citationMetadata',
  'groundingMetadata',
  'urlContextMetadata',
  'finishMessage',
  'avgLogprobs',
] as const;

/** Classifies one wire part. */
export function classifyGooglePart(part: WireObject): GoogleOutputPart {
  const signature = stringOf(part.thoughtSignature);
  const call = part.functionCall;
  if (isObject(call) && typeof call.name === 'string')
    return {
      kind: 'function-call',
      id: stringOf(call.id) || undefined,
      name: call.name,
      args: call.args,
      signature,
    };
  const text = stringOf(part.text);
  if (text !== undefined) return { kind: part.thought === true ? 'reasoning' : 'text', text, signature };
  return { kind: 'other', part, signature };
}

/**
 * Reads a Gemini `GenerateContentResponse` (`candidates`, `promptFeedback`, `usageMetadata`,
 * `modelVersion`, `responseId`) by hand, without a schema: it runs once per streamed chunk.
 * Unknown fields are ignored, missing ones undefined; only the first candidate is read.
 * Undefined when the value is not an object.
 */
export function readGoogleChunk(value: unknown): GoogleChunk | undefined {
  if (!isObject(value)) return undefined;
  const candidate =
    Array.isArray(value.candidates) && isObject(value.candidates[0]) ? value.candidates[0] : {};
  const content = isObject(candidate.content) ? candidate.content : {};
  const parts = Array.isArray(content.parts) ? content.parts.filter(isObject).map(classifyGooglePart) : [];
  const feedback = isObject(value.promptFeedback) ? value.promptFeedback : undefined;
  const metadata: WireObject = {};
  for (const key of candidateMetadataKeys) if (candidate[key] !== undefined) metadata[key] = candidate[key];
  if (feedback !== undefined) metadata.promptFeedback = feedback;
  const createTime = stringOf(value.createTime);
  const created = createTime === undefined ? Number.NaN : Math.floor(Date.parse(createTime) / 1000);
  return {
    parts,
    finishReason: stringOf(candidate.finishReason),
    blockReason: stringOf(feedback?.blockReason),
    usageMetadata: isObject(value.usageMetadata) ? value.usageMetadata : undefined,
    logprobsResult: candidate.logprobsResult,
    metadata,
    responseId: stringOf(value.responseId),
    modelVersion: stringOf(value.modelVersion),
    created: Number.isNaN(created) ? undefined : created,
  };
}

/** The JSON text of a function call's arguments (`{}` when it had none). */
export function functionCallInput(args: unknown): string {
  return JSON.stringify(isObject(args) ? args : {});
}

/** The id of the `index`-th function call of an answer when the API gave none: `call_<index>`. */
export function synthesizeToolCallId(index: number): string {
  return `call_${index}`;
}
