/**
 * Request validation of the fake Bedrock, as the Converse API reference documents it
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html), with
 * messages worded like Bedrock's `ValidationException`s. Returns the first problem, or undefined.
 */

type WireObject = Record<string, unknown>;

function isObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const topLevelKeys = new Set([
  'messages',
  'system',
  'inferenceConfig',
  'toolConfig',
  'guardrailConfig',
  'additionalModelRequestFields',
  'additionalModelResponseFieldPaths',
  'performanceConfig',
  'promptVariables',
  'requestMetadata',
  'serviceTier',
]);
const contentKeys = new Set([
  'text',
  'image',
  'document',
  'video',
  'toolUse',
  'toolResult',
  'guardContent',
  'cachePoint',
  'reasoningContent',
  'citationsContent',
]);
const imageFormats = new Set(['png', 'jpeg', 'gif', 'webp']);
const documentFormats = new Set(['pdf', 'csv', 'doc', 'docx', 'xls', 'xlsx', 'html', 'txt', 'md']);
const toolNamePattern = /^[a-zA-Z0-9_-]{1,64}$/;
const documentNamePattern = /^[A-Za-z0-9\-()[\]]+( [A-Za-z0-9\-()[\]]+)*$/;
const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

function constraint(path: string, rule: string): string {
  return `1 validation error detected: Value at '${path}' failed to satisfy constraint: ${rule}`;
}

function checkSource(source: unknown, path: string): string | undefined {
  if (!isObject(source)) return constraint(`${path}.source`, 'Member must not be null');
  if (typeof source.bytes === 'string') {
    if (source.bytes === '' || !base64Pattern.test(source.bytes))
      return `Invalid base64 in ${path}.source.bytes. Provide valid base64-encoded bytes and try again.`;
    return undefined;
  }
  if (
    isObject(source.s3Location) &&
    typeof source.s3Location.uri === 'string' &&
    source.s3Location.uri.startsWith('s3://')
  )
    return undefined;
  return `The ${path}.source field must contain exactly one of bytes or s3Location.`;
}

function checkBlock(block: unknown, path: string, role: string): string | undefined {
  if (!isObject(block)) return constraint(path, 'Member must not be null');
  const keys = Object.keys(block);
  if (keys.length !== 1 || !contentKeys.has(keys[0] ?? ''))
    return `The ContentBlock object at ${path} must set exactly one of the supported fields (found: ${keys.join(', ') || 'none'}).`;
  if (typeof block.text === 'string' && block.text.trim() === '')
    return `The text field in the ContentBlock object at ${path} is blank. Add text to the text field, and try again.`;
  if ('text' in block && typeof block.text !== 'string')
    return constraint(`${path}.text`, 'Member must be a string');
  if ('image' in block) {
    const image = block.image;
    if (!isObject(image) || !imageFormats.has(String(image.format)))
      return constraint(`${path}.image.format`, 'Member must satisfy enum value set: [png, jpeg, gif, webp]');
    return checkSource(image.source, `${path}.image`);
  }
  if ('document' in block) {
    const document = block.document;
    if (!isObject(document) || !documentFormats.has(String(document.format)))
      return constraint(
        `${path}.document.format`,
        'Member must satisfy enum value set: [pdf, csv, doc, docx, xls, xlsx, html, txt, md]',
      );
    if (typeof document.name !== 'string' || !documentNamePattern.test(document.name))
      return `The document file name can only contain alphanumeric characters, whitespace characters, hyphens, parentheses, and square brackets. The name can't contain more than one consecutive whitespace character. (${path}.document.name)`;
    return checkSource(document.source, `${path}.document`);
  }
  if ('toolUse' in block) {
    const use = block.toolUse;
    if (role !== 'assistant') return `toolUse blocks are only allowed in assistant messages (${path}).`;
    if (
      !isObject(use) ||
      typeof use.toolUseId !== 'string' ||
      typeof use.name !== 'string' ||
      !isObject(use.input)
    )
      return constraint(`${path}.toolUse`, 'toolUseId and name must be strings and input a JSON object');
  }
  if ('toolResult' in block) {
    const result = block.toolResult;
    if (role !== 'user') return `toolResult blocks are only allowed in user messages (${path}).`;
    if (!isObject(result) || typeof result.toolUseId !== 'string' || !Array.isArray(result.content))
      return constraint(`${path}.toolResult`, 'toolUseId must be a string and content a list');
    if (result.status !== undefined && result.status !== 'success' && result.status !== 'error')
      return constraint(`${path}.toolResult.status`, 'Member must satisfy enum value set: [success, error]');
    for (const [index, item] of result.content.entries()) {
      if (!isObject(item) || !['text', 'json', 'image', 'document'].some((key) => key in item))
        return constraint(
          `${path}.toolResult.content.${index}`,
          'Member must be one of text, json, image, document',
        );
    }
  }
  if ('cachePoint' in block && (!isObject(block.cachePoint) || block.cachePoint.type !== 'default'))
    return constraint(`${path}.cachePoint.type`, 'Member must satisfy enum value set: [default]');
  if ('reasoningContent' in block) {
    const reasoning = block.reasoningContent;
    if (role !== 'assistant')
      return `reasoningContent blocks are only allowed in assistant messages (${path}).`;
    const text =
      isObject(reasoning) && isObject(reasoning.reasoningText) ? reasoning.reasoningText : undefined;
    if (
      !(text && typeof text.text === 'string') &&
      !(isObject(reasoning) && typeof reasoning.redactedContent === 'string')
    )
      return constraint(`${path}.reasoningContent`, 'Member must contain reasoningText or redactedContent');
  }
  return undefined;
}

function checkMessages(messages: unknown): string | undefined {
  if (!Array.isArray(messages) || messages.length === 0)
    return constraint('messages', 'Member must not be null and must contain at least 1 message');
  let previous: string | undefined;
  let pendingToolUses: string[] = [];
  for (const [index, message] of messages.entries()) {
    const path = `messages.${index}`;
    if (!isObject(message)) return constraint(path, 'Member must not be null');
    const role = message.role;
    if (role !== 'user' && role !== 'assistant')
      return constraint(`${path}.role`, 'Member must satisfy enum value set: [user, assistant]');
    if (index === 0 && role !== 'user')
      return 'A conversation must start with a user message. Try again with a conversation that starts with a user message.';
    if (role === previous)
      return 'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.';
    previous = role;
    if (!Array.isArray(message.content) || message.content.length === 0)
      return constraint(`${path}.content`, 'Member must have length greater than or equal to 1');
    const cachePointsOnly = message.content.every((block) => isObject(block) && 'cachePoint' in block);
    if (cachePointsOnly)
      return `The content field in the Message object at ${path} is empty. Add a ContentBlock object to the content field and try again.`;
    for (const [position, block] of message.content.entries()) {
      const problem = checkBlock(block, `${path}.content.${position}`, role);
      if (problem) return problem;
    }
    const blocks = message.content as WireObject[];
    if (role === 'user') {
      const answered = new Set(
        blocks.flatMap((block) => (isObject(block.toolResult) ? [String(block.toolResult.toolUseId)] : [])),
      );
      const missing = pendingToolUses.filter((id) => !answered.has(id));
      if (missing.length > 0)
        return `Expected toolResult blocks at ${path}.content for the following Ids: ${missing.join(', ')}`;
      const unexpected = [...answered].filter((id) => !pendingToolUses.includes(id));
      if (unexpected.length > 0)
        return `${path}.content contains toolResult blocks for Ids that do not match a toolUse block of the previous turn: ${unexpected.join(', ')}`;
      pendingToolUses = [];
    } else {
      pendingToolUses = blocks.flatMap((block) =>
        isObject(block.toolUse) ? [String(block.toolUse.toolUseId)] : [],
      );
    }
  }
  return undefined;
}

function checkToolConfig(toolConfig: unknown): string | undefined {
  if (!isObject(toolConfig)) return constraint('toolConfig', 'Member must be a structure');
  if (!Array.isArray(toolConfig.tools) || toolConfig.tools.length === 0)
    return constraint('toolConfig.tools', 'Member must have length greater than or equal to 1');
  const names = new Set<string>();
  for (const [index, tool] of toolConfig.tools.entries()) {
    if (isObject(tool) && 'cachePoint' in tool) continue;
    const spec = isObject(tool) ? tool.toolSpec : undefined;
    if (!isObject(spec))
      return constraint(`toolConfig.tools.${index}`, 'Member must contain toolSpec or cachePoint');
    if (typeof spec.name !== 'string' || !toolNamePattern.test(spec.name))
      return constraint(
        `toolConfig.tools.${index}.member.toolSpec.name`,
        'Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+',
      );
    if (names.has(spec.name)) return `The toolConfig field has a duplicate tool name: ${spec.name}.`;
    names.add(spec.name);
    if (!isObject(spec.inputSchema) || !isObject(spec.inputSchema.json))
      return constraint(
        `toolConfig.tools.${index}.member.toolSpec.inputSchema`,
        'Member must contain json, a JSON Schema object',
      );
  }
  const choice = toolConfig.toolChoice;
  if (choice === undefined) return undefined;
  const keys = isObject(choice) ? Object.keys(choice) : [];
  if (keys.length !== 1 || !['auto', 'any', 'tool'].includes(keys[0] ?? ''))
    return constraint('toolConfig.toolChoice', 'Member must set exactly one of auto, any, tool');
  if (isObject(choice) && 'tool' in choice) {
    const name = isObject(choice.tool) ? choice.tool.name : undefined;
    if (typeof name !== 'string' || !names.has(name))
      return `The tool named in toolConfig.toolChoice.tool.name (${String(name)}) is not in toolConfig.tools.`;
  }
  return undefined;
}

function checkInferenceConfig(config: unknown): string | undefined {
  if (!isObject(config)) return constraint('inferenceConfig', 'Member must be a structure');
  for (const key of Object.keys(config))
    if (!['maxTokens', 'temperature', 'topP', 'stopSequences'].includes(key))
      return `1 validation error detected: Unknown field 'inferenceConfig.${key}'. Model-specific fields go in additionalModelRequestFields.`;
  const { maxTokens, temperature, topP, stopSequences } = config;
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && (maxTokens as number) >= 1))
    return constraint('inferenceConfig.maxTokens', 'Member must have value greater than or equal to 1');
  for (const [name, value] of [
    ['temperature', temperature],
    ['topP', topP],
  ] as const)
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && value <= 1))
      return constraint(
        `inferenceConfig.${name}`,
        'Member must have value less than or equal to 1 and greater than or equal to 0',
      );
  if (
    stopSequences !== undefined &&
    (!Array.isArray(stopSequences) ||
      stopSequences.length > 4 ||
      stopSequences.some((item) => typeof item !== 'string' || item === ''))
  )
    return constraint(
      'inferenceConfig.stopSequences',
      'Member must have length less than or equal to 4, of non-empty strings',
    );
  return undefined;
}

/** Validates a Converse request body; returns the `ValidationException` message, or undefined. */
export function validateConverseRequest(body: unknown): string | undefined {
  if (!isObject(body)) return 'Malformed input request: the request body must be a JSON object.';
  for (const key of Object.keys(body))
    if (!topLevelKeys.has(key))
      return `Malformed input request: #: extraneous key [${key}] is not permitted, please reformat your input and try again.`;
  const messagesProblem = checkMessages(body.messages);
  if (messagesProblem) return messagesProblem;
  if (body.system !== undefined) {
    if (!Array.isArray(body.system)) return constraint('system', 'Member must be a list');
    for (const [index, block] of body.system.entries()) {
      if (!isObject(block) || !('text' in block || 'cachePoint' in block || 'guardContent' in block))
        return constraint(`system.${index}`, 'Member must contain text, cachePoint or guardContent');
      if (typeof block.text === 'string' && block.text.trim() === '')
        return `The text field in the SystemContentBlock object at system.${index} is blank. Add text to the text field, and try again.`;
    }
  }
  if (body.inferenceConfig !== undefined) {
    const problem = checkInferenceConfig(body.inferenceConfig);
    if (problem) return problem;
  }
  const hasToolBlocks = (body.messages as WireObject[]).some(
    (message) =>
      Array.isArray(message.content) &&
      message.content.some((block) => isObject(block) && ('toolUse' in block || 'toolResult' in block)),
  );
  if (body.toolConfig === undefined && hasToolBlocks)
    return 'The toolConfig field must be defined when using toolUse and toolResult content blocks.';
  if (body.toolConfig !== undefined) {
    const problem = checkToolConfig(body.toolConfig);
    if (problem) return problem;
  }
  for (const key of [
    'additionalModelRequestFields',
    'guardrailConfig',
    'performanceConfig',
    'promptVariables',
    'serviceTier',
  ])
    if (body[key] !== undefined && !isObject(body[key])) return constraint(key, 'Member must be a structure');
  if (body.requestMetadata !== undefined) {
    const metadata = body.requestMetadata;
    if (
      !isObject(metadata) ||
      Object.keys(metadata).length > 16 ||
      Object.values(metadata).some((value) => typeof value !== 'string')
    )
      return constraint('requestMetadata', 'Member must be a map of at most 16 string values');
  }
  const text = JSON.stringify(body);
  const cachePoints = text.split('"cachePoint"').length - 1;
  if (cachePoints > 4) return `A maximum of 4 cache points are allowed per request; found ${cachePoints}.`;
  return undefined;
}
