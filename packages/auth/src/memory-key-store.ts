import type { GatewayKeyPatch, GatewayKeyRecord, ProjectPatch, ProjectRecord } from './gateway-key.js';
import type { KeyStore } from './key-store.js';

function copy<T>(value: T): T {
  return structuredClone(value);
}

function applyPatch(record: GatewayKeyRecord, patch: GatewayKeyPatch): GatewayKeyRecord {
  const next: GatewayKeyRecord = { ...record };
  for (const field of [
    'name',
    'expiresAt',
    'disabledAt',
    'allowedModels',
    'limits',
    'providerKeys',
  ] as const) {
    if (!(field in patch)) continue;
    const value = patch[field];
    if (value === null || value === undefined) delete next[field];
    else (next as unknown as Record<string, unknown>)[field] = value;
  }
  return next;
}

/**
 * Keys and projects in this process's memory (the default store). Keys are found by hash in a
 * `Map`, O(1); records are copied in and out, so callers cannot change the store by accident.
 */
export class MemoryKeyStore implements KeyStore {
  private readonly keys = new Map<string, GatewayKeyRecord>();
  private readonly idsByHash = new Map<string, string>();
  private readonly projects = new Map<string, ProjectRecord>();

  async createKey(record: GatewayKeyRecord): Promise<void> {
    if (this.keys.has(record.id) || this.idsByHash.has(record.hash)) {
      throw new Error(`A key with id ${record.id} or the same hash exists`);
    }
    if (record.projectId !== undefined && !this.projects.has(record.projectId)) {
      throw new Error(`No project ${record.projectId}`);
    }
    this.keys.set(record.id, copy(record));
    this.idsByHash.set(record.hash, record.id);
  }

  async findKeyByHash(hash: string): Promise<GatewayKeyRecord | undefined> {
    const id = this.idsByHash.get(hash);
    return id === undefined ? undefined : this.getKey(id);
  }

  async getKey(id: string): Promise<GatewayKeyRecord | undefined> {
    const record = this.keys.get(id);
    return record && copy(record);
  }

  async listKeys(filter: { projectId?: string } = {}): Promise<GatewayKeyRecord[]> {
    return [...this.keys.values()]
      .filter((record) => filter.projectId === undefined || record.projectId === filter.projectId)
      .map(copy);
  }

  async updateKey(id: string, patch: GatewayKeyPatch): Promise<GatewayKeyRecord | undefined> {
    const record = this.keys.get(id);
    if (!record) return undefined;
    const next = applyPatch(record, patch);
    this.keys.set(id, copy(next));
    return next;
  }

  async deleteKey(id: string): Promise<boolean> {
    const record = this.keys.get(id);
    if (!record) return false;
    this.keys.delete(id);
    this.idsByHash.delete(record.hash);
    return true;
  }

  async createProject(project: ProjectRecord): Promise<boolean> {
    if (this.projects.has(project.id)) return false;
    this.projects.set(project.id, copy(project));
    return true;
  }

  async getProject(id: string): Promise<ProjectRecord | undefined> {
    const project = this.projects.get(id);
    return project && copy(project);
  }

  async listProjects(): Promise<ProjectRecord[]> {
    return [...this.projects.values()].map(copy);
  }

  async updateProject(id: string, patch: ProjectPatch): Promise<ProjectRecord | undefined> {
    const project = this.projects.get(id);
    if (!project) return undefined;
    const next: ProjectRecord = { ...project, ...(patch.name !== undefined && { name: patch.name }) };
    if (patch.limits === null) delete next.limits;
    else if (patch.limits !== undefined) next.limits = patch.limits;
    this.projects.set(id, copy(next));
    return copy(next);
  }

  async deleteProject(id: string): Promise<boolean> {
    for (const record of this.keys.values()) {
      if (record.projectId === id) throw new Error(`Project ${id} still has keys`);
    }
    return this.projects.delete(id);
  }
}
