import type { GatewayKeyPatch, GatewayKeyRecord, ProjectPatch, ProjectRecord } from './gateway-key.js';

/**
 * Where gateway keys and projects live. The memory store is the default (one process); the
 * Postgres store shares keys between gateway processes. Lookups by hash must be O(1) or an index
 * lookup: `findKeyByHash` runs (on a cache miss) for every request.
 */
export interface KeyStore {
  /** Stores a new key; rejects when the id or hash exists. */
  createKey(record: GatewayKeyRecord): Promise<void>;
  /**
   * The key with this SHA-256 hash (hex), or undefined; runs for every request the lookup cache
   * misses.
   */
  findKeyByHash(hash: string): Promise<GatewayKeyRecord | undefined>;
  /** The key with this id, or undefined. */
  getKey(id: string): Promise<GatewayKeyRecord | undefined>;
  /** Every key, oldest first; only those of one project when `projectId` is given. */
  listKeys(filter?: { projectId?: string }): Promise<GatewayKeyRecord[]>;
  /** Applies the patch; undefined when there is no such key. */
  updateKey(id: string, patch: GatewayKeyPatch): Promise<GatewayKeyRecord | undefined>;
  /** False when there was no such key. */
  deleteKey(id: string): Promise<boolean>;
  /** Stores a new project; false when the id exists. */
  createProject(project: ProjectRecord): Promise<boolean>;
  /** The project with this id, or undefined. */
  getProject(id: string): Promise<ProjectRecord | undefined>;
  /** Every project, oldest first. */
  listProjects(): Promise<ProjectRecord[]>;
  /** Applies the patch; undefined when there is no such project. */
  updateProject(id: string, patch: ProjectPatch): Promise<ProjectRecord | undefined>;
  /** Deletes the project (its keys must be deleted first); false when there was no such project. */
  deleteProject(id: string): Promise<boolean>;
  /** Releases what the store holds (called by the auth middleware's close hook). */
  close?(): Promise<void>;
}
