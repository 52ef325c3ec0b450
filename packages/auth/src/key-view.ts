import type { GatewayKeyRecord, ProjectRecord, RateLimits } from './gateway-key.js';

/** A key as the admin API and the CLI show it: never the key, its hash, or a provider key. */
export interface KeyView {
  object: 'api_key';
  id: string;
  /** The display prefix (`sk-sb-AbCd`). */
  prefix: string;
  name: string | null;
  projectId: string | null;
  /** ISO 8601 times. */
  createdAt: string;
  expiresAt: string | null;
  disabledAt: string | null;
  disabled: boolean;
  allowedModels: string[] | null;
  limits: RateLimits | null;
  /** Providers the key has its own (BYOK) key for; the keys themselves are never shown. */
  providerKeys: string[];
}

/** A project as the admin API and the CLI show it. */
export interface ProjectView {
  object: 'project';
  id: string;
  name: string;
  createdAt: string;
  limits: RateLimits | null;
}

/** The public view of a key record. */
export function toKeyView(record: GatewayKeyRecord): KeyView {
  return {
    object: 'api_key',
    id: record.id,
    prefix: record.prefix,
    name: record.name ?? null,
    projectId: record.projectId ?? null,
    createdAt: record.createdAt.toISOString(),
    expiresAt: record.expiresAt?.toISOString() ?? null,
    disabledAt: record.disabledAt?.toISOString() ?? null,
    disabled: record.disabledAt !== undefined,
    allowedModels: record.allowedModels ?? null,
    limits: record.limits ?? null,
    providerKeys: Object.keys(record.providerKeys ?? {}).sort(),
  };
}

/** The public view of a project. */
export function toProjectView(project: ProjectRecord): ProjectView {
  return {
    object: 'project',
    id: project.id,
    name: project.name,
    createdAt: project.createdAt.toISOString(),
    limits: project.limits ?? null,
  };
}
