import { type Clock, GatewayError } from '@signalbox/core';
import type { GatewayKeyPatch, GatewayKeyRecord } from './gateway-key.js';
import { generateKey, hashKey, keyDisplayPrefix, newKeyId } from './key-hash.js';
import {
  type CreateKeyInput,
  type CreateProjectInput,
  createKeyInputSchema,
  createProjectInputSchema,
  parseInput,
  type UpdateKeyInput,
  type UpdateProjectInput,
  updateKeyInputSchema,
  updateProjectInputSchema,
} from './key-inputs.js';
import type { KeyStore } from './key-store.js';
import { type KeyView, type ProjectView, toKeyView, toProjectView } from './key-view.js';
import type { SecretBox } from './secret-box.js';

/** Options of {@link createKeyManager}. */
export interface KeyManagerOptions {
  store: KeyStore;
  /** Seals BYOK provider keys; without it, creating a key with provider keys is a 400. */
  secretBox?: SecretBox;
  clock?: Clock;
  /** Called with a key's hash when it changed or was deleted (drop it from lookup caches). */
  onKeyChanged?: (hash: string) => void;
}

/** A new key: the key itself (shown this once) and its public view. */
export interface CreatedKey extends KeyView {
  key: string;
}

/** Key and project administration, shared by the admin API and the CLI. */
export interface KeyManager {
  /** Creates a key; `createProject: true` creates a missing project instead of refusing. */
  createKey(input: CreateKeyInput, options?: { createProject?: boolean }): Promise<CreatedKey>;
  /**
   * Every key's public view (never the key itself), oldest first; only one project's when
   * `projectId` is given.
   */
  listKeys(filter?: { projectId?: string }): Promise<KeyView[]>;
  /** One key's public view; a 404 `GatewayError` when there is no such key. */
  getKey(id: string): Promise<KeyView>;
  /**
   * Changes a key's name, expiry, disabled state, allowed models, limits or BYOK provider keys; a
   * 400 names an invalid field, a 404 an unknown key.
   */
  updateKey(id: string, input: UpdateKeyInput): Promise<KeyView>;
  /**
   * Deletes a key (it stops working at once in this process, within the lookup cache TTL
   * elsewhere); 404 when unknown.
   */
  deleteKey(id: string): Promise<void>;
  /** Creates a project; 409 when the id exists. */
  createProject(input: CreateProjectInput): Promise<ProjectView>;
  /** Every project, oldest first. */
  listProjects(): Promise<ProjectView[]>;
  /** One project; 404 when unknown. */
  getProject(id: string): Promise<ProjectView>;
  /** Changes a project's name or limits; 404 when unknown. */
  updateProject(id: string, input: UpdateProjectInput): Promise<ProjectView>;
  /** Refuses (409) while the project has keys, unless `deleteKeys` is true. */
  deleteProject(id: string, options?: { deleteKeys?: boolean }): Promise<void>;
}

function notFound(kind: 'key' | 'project', id: string): GatewayError {
  return new GatewayError(`No ${kind === 'key' ? 'API key' : 'project'} with id '${id}'.`, {
    status: 404,
    code: `${kind}_not_found`,
  });
}

/** Key and project administration over a store; inputs are validated (400 naming the field). */
export function createKeyManager(options: KeyManagerOptions): KeyManager {
  const { store, secretBox } = options;
  const now = () => new Date((options.clock ?? Date).now());
  const changed = (hash: string) => options.onKeyChanged?.(hash);

  function seal(keyId: string, providerKeys: Record<string, string>): Record<string, string> {
    if (!secretBox) {
      throw new GatewayError(
        'Storing provider keys (BYOK) needs an encryption key: set SIGNALBOX_ENCRYPTION_KEY on the gateway.',
        { status: 400, code: 'encryption_key_missing', param: 'providerKeys' },
      );
    }
    return Object.fromEntries(
      Object.entries(providerKeys).map(([provider, key]) => [
        provider,
        secretBox.seal(key, `${keyId}:${provider}`),
      ]),
    );
  }

  function checkFuture(expiresAt: Date | null | undefined): void {
    if (expiresAt && expiresAt.getTime() <= now().getTime()) {
      throw new GatewayError('Invalid expiresAt: the time is in the past.', {
        status: 400,
        code: 'invalid_request',
        param: 'expiresAt',
      });
    }
  }

  async function existingKey(id: string): Promise<GatewayKeyRecord> {
    const record = await store.getKey(id);
    if (!record) throw notFound('key', id);
    return record;
  }

  return {
    async createKey(input, createOptions = {}) {
      const parsed = parseInput(createKeyInputSchema, input);
      checkFuture(parsed.expiresAt);
      if (parsed.projectId !== undefined && !(await store.getProject(parsed.projectId))) {
        if (!createOptions.createProject) throw notFound('project', parsed.projectId);
        await store.createProject({ id: parsed.projectId, name: parsed.projectId, createdAt: now() });
      }
      const key = generateKey();
      const id = newKeyId();
      const record: GatewayKeyRecord = {
        id,
        hash: hashKey(key),
        prefix: keyDisplayPrefix(key),
        createdAt: now(),
        ...(parsed.name !== undefined && { name: parsed.name }),
        ...(parsed.projectId !== undefined && { projectId: parsed.projectId }),
        ...(parsed.expiresAt !== undefined && { expiresAt: parsed.expiresAt }),
        ...(parsed.allowedModels !== undefined && { allowedModels: parsed.allowedModels }),
        ...(parsed.limits !== undefined && { limits: parsed.limits }),
        ...(parsed.providerKeys !== undefined && { providerKeys: seal(id, parsed.providerKeys) }),
      };
      await store.createKey(record);
      return { ...toKeyView(record), key };
    },

    async listKeys(filter) {
      return (await store.listKeys(filter)).map(toKeyView);
    },

    async getKey(id) {
      return toKeyView(await existingKey(id));
    },

    async updateKey(id, input) {
      const parsed = parseInput(updateKeyInputSchema, input);
      checkFuture(parsed.expiresAt);
      const current = await existingKey(id);
      const patch: GatewayKeyPatch = {};
      if (parsed.name !== undefined) patch.name = parsed.name;
      if (parsed.expiresAt !== undefined) patch.expiresAt = parsed.expiresAt;
      if (parsed.allowedModels !== undefined) patch.allowedModels = parsed.allowedModels;
      if (parsed.limits !== undefined) patch.limits = parsed.limits;
      if (parsed.providerKeys !== undefined) {
        patch.providerKeys = parsed.providerKeys && seal(id, parsed.providerKeys);
      }
      if (parsed.disabled !== undefined) {
        patch.disabledAt = parsed.disabled ? (current.disabledAt ?? now()) : null;
      }
      const updated = await store.updateKey(id, patch);
      if (!updated) throw notFound('key', id);
      changed(updated.hash);
      return toKeyView(updated);
    },

    async deleteKey(id) {
      const record = await existingKey(id);
      await store.deleteKey(id);
      changed(record.hash);
    },

    async createProject(input) {
      const parsed = parseInput(createProjectInputSchema, input);
      const project = {
        id: parsed.id,
        name: parsed.name ?? parsed.id,
        createdAt: now(),
        ...(parsed.limits && { limits: parsed.limits }),
      };
      if (!(await store.createProject(project))) {
        throw new GatewayError(`A project with id '${parsed.id}' exists.`, {
          status: 409,
          code: 'project_exists',
          param: 'id',
        });
      }
      return toProjectView(project);
    },

    async listProjects() {
      return (await store.listProjects()).map(toProjectView);
    },

    async getProject(id) {
      const project = await store.getProject(id);
      if (!project) throw notFound('project', id);
      return toProjectView(project);
    },

    async updateProject(id, input) {
      const parsed = parseInput(updateProjectInputSchema, input);
      const updated = await store.updateProject(id, parsed);
      if (!updated) throw notFound('project', id);
      for (const key of await store.listKeys({ projectId: id })) changed(key.hash);
      return toProjectView(updated);
    },

    async deleteProject(id, deleteOptions = {}) {
      if (!(await store.getProject(id))) throw notFound('project', id);
      const keys = await store.listKeys({ projectId: id });
      if (keys.length > 0 && !deleteOptions.deleteKeys) {
        throw new GatewayError(
          `Project '${id}' still has ${keys.length} key(s): delete them first, or pass deleteKeys=true.`,
          { status: 409, code: 'project_not_empty' },
        );
      }
      for (const key of keys) {
        await store.deleteKey(key.id);
        changed(key.hash);
      }
      await store.deleteProject(id);
    },
  };
}
