/**
 * Provider-specific data keyed by provider format or provider name, e.g.
 * `{ anthropic: { cache_control: { type: 'ephemeral' } } }`.
 *
 * Codecs put wire fields the canonical model has no slot for here (in their wire spelling),
 * and put them back when encoding to the same format, so nothing a client sent is lost.
 */
export type ProviderOptions = Record<string, Record<string, unknown>>;

/** Metadata a provider returns that the canonical model has no slot for, keyed the same way. */
export type ProviderMetadata = Record<string, Record<string, unknown>>;
