import { createHash } from 'node:crypto';
import type { ChatRequest, GatewayContext } from '@signalbox/core';
import { canonicalJson } from './canonical-json.js';

/** Whose entries a request may see: the principal (key or user), its project, or a function of the context. */
export type CacheScope = 'principal' | 'project' | ((context: GatewayContext) => string);

/** What a cache key is made of. */
export interface CacheKeyParts {
  /** Whose entry it is (see {@link cacheScopeOf}); entries of one scope are never served to another. */
  scope: string;
  /** The model as the client asked for it. */
  model: string;
  /** The gateway endpoint (`chat.completions`, `messages`). */
  endpoint: string;
  stream: boolean;
  request: ChatRequest;
}

/**
 * Fields of the canonical request that do not change the answer and are left out of the key:
 * `stream` (a key part of its own), `includeUsage` (the encoder adds the usage chunk per
 * request), `user` and `metadata` (end-user tracking ids), and `source.format` (the endpoint is a
 * key part). Everything else counts, `source.extraFields` and forwarded headers included.
 */
export function keyedRequest(request: ChatRequest): Record<string, unknown> {
  const {
    stream: _stream,
    includeUsage: _includeUsage,
    user: _user,
    metadata: _metadata,
    source,
    ...rest
  } = request;
  const keyed: Record<string, unknown> = rest;
  if (source !== undefined) {
    keyed.source = { extraFields: source.extraFields, forwardHeaders: source.forwardHeaders };
  }
  return keyed;
}

/**
 * The scope of a request: the principal's id (`principal`), its project id or else its id
 * (`project`), or the result of a function; `anonymous` when no principal was set.
 */
export function cacheScopeOf(context: GatewayContext, scope: CacheScope): string {
  if (typeof scope === 'function') return `custom:${scope(context)}`;
  const principal = context.principal;
  if (principal === undefined) return 'anonymous';
  if (scope === 'project' && principal.projectId !== undefined) return `project:${principal.projectId}`;
  return `${principal.kind}:${principal.id}`;
}

/**
 * The cache key: SHA-256 (hex) over the scope, model, endpoint, stream flag and the canonical
 * JSON of the request (sorted keys, see {@link keyedRequest}). JSON key order and whitespace of
 * the client's body do not change it.
 */
export function cacheKey(parts: CacheKeyParts): string {
  return createHash('sha256')
    .update(JSON.stringify(['sbx-cache-v1', parts.scope, parts.model, parts.endpoint, parts.stream]))
    .update(canonicalJson(keyedRequest(parts.request)))
    .digest('hex');
}
