/**
 * Who is calling: a gateway key, a project, or the host app's own signed-in user.
 * Auth middlewares (or the host app) set it; limits, budgets, the cache and logs key on it.
 */
export interface Principal {
  /** Stable id: the key id, or the host app's user id. */
  id: string;
  kind: 'key' | 'user' | 'anonymous';
  /** The key's public prefix, safe to log and show (never the key). */
  keyPrefix?: string;
  projectId?: string;
  name?: string;
  /** Model ids this principal may use; undefined means all. */
  allowedModels?: string[];
  /** The principal's own provider keys (bring your own key), by provider name. Never logged. */
  providerKeys?: Record<string, string>;
  /** Free-form data from the host app (plan, org...). */
  attributes?: Record<string, unknown>;
}
