/**
 * `@signalbox/metadata`: gateway metadata in responses and headers, in Vercel AI Gateway's and
 * OpenRouter's shapes.
 *
 * @module
 */
export { metadata } from './metadata.js';
export type { MetadataOptions, ResolvedMetadataOptions } from './metadata-options.js';
export { parseMetadataOptions } from './metadata-options.js';
export { type MetadataStyles, selectStyles } from './select-styles.js';
export type { MetadataSource } from './metadata-source.js';
export { type ExtensionSettings, metadataExtension } from './metadata-extension.js';
export {
  groupModelAttempts,
  vercelCostFields,
  vercelGatewayMetadata,
  vercelRouting,
  type VercelGatewayMetadata,
  type VercelModelAttempt,
  type VercelProviderAttempt,
  type VercelRouting,
} from './vercel-shape.js';
export {
  costNumber,
  isByok,
  openrouterBodyFields,
  openrouterCostFields,
  usageFields,
  type MetadataUsageFields,
  type OpenRouterBodyFields,
  type OpenRouterCostDetails,
} from './openrouter-shape.js';
export { headerSafe, type HeaderSource, metadataHeaders } from './headers.js';
