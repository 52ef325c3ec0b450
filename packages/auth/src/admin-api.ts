import { createHash, timingSafeEqual } from 'node:crypto';
import {
  GatewayError,
  type GatewayHttpResponse,
  type Route,
  type RouteContext,
  readJsonBody,
} from '@signalbox/core';
import type { CreateKeyInput, CreateProjectInput, UpdateKeyInput, UpdateProjectInput } from './key-inputs.js';
import type { KeyManager } from './key-manager.js';
import { inspectCredential } from './read-credential.js';

/** Options of the admin API routes (keys and projects under `/admin`, behind the admin key). */
export interface AdminRoutesOptions {
  manager: KeyManager;
  /** The admin key, in clear (kept only as its SHA-256 digest). */
  adminKey: string;
  /** Path prefix below the gateway's mount; default `/admin`. */
  prefix?: string;
  /** Whether a credential (by hash) is a valid gateway key: those get a 403 that says so. */
  isGatewayKey?: (hash: string) => Promise<boolean>;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function json(status: number, value: unknown): GatewayHttpResponse {
  return { status, headers: { 'cache-control': 'no-store' }, body: { type: 'json', value } };
}

function body(context: RouteContext): unknown {
  const { body: raw, headers } = context.http;
  const empty = raw === undefined || raw === '' || (raw instanceof Uint8Array && raw.byteLength === 0);
  return empty ? {} : readJsonBody(raw, headers['content-type']);
}

function flag(context: RouteContext, name: string): boolean {
  const value = context.http.query.get(name);
  return value === 'true' || value === '1';
}

/**
 * The admin API as routes under `prefix` (default `/admin`), answered in JSON:
 * `POST/GET keys`, `GET/PATCH/DELETE keys/:id`, `POST keys/:id/disable|enable`,
 * `POST/GET projects`, `GET/PATCH/DELETE projects/:id`. Every route is outside the gateway-key
 * auth (`authenticated: false`) and checks the admin key itself (`Authorization: Bearer`),
 * comparing SHA-256 digests in constant time. A gateway key is refused with a 403.
 */
export function adminRoutes(options: AdminRoutesOptions): Route[] {
  const prefix = options.prefix ?? '/admin';
  const adminDigest = digest(options.adminKey);
  const { manager } = options;

  async function checkAdmin(context: RouteContext): Promise<void> {
    const credential = inspectCredential(context.http.headers);
    if (credential.type !== 'key') {
      throw new GatewayError(
        credential.type === 'missing'
          ? "The admin API needs the admin key: send 'Authorization: Bearer <admin key>'."
          : credential.reason,
        { status: 401, code: 'invalid_admin_key' },
      );
    }
    if (timingSafeEqual(digest(credential.key), adminDigest)) return;
    const hash = digest(credential.key).toString('hex');
    if (await options.isGatewayKey?.(hash)) {
      throw new GatewayError('A gateway API key cannot use the admin API: use the admin key.', {
        status: 403,
        code: 'admin_key_required',
      });
    }
    throw new GatewayError('Invalid admin key.', { status: 401, code: 'invalid_admin_key' });
  }

  function route(
    method: Route['method'],
    path: string,
    run: (context: RouteContext, params: Record<string, string>) => Promise<GatewayHttpResponse>,
  ): Route {
    return {
      method,
      path: `${prefix}${path}`,
      format: 'openai',
      authenticated: false,
      handler: async (context, params) => {
        await checkAdmin(context);
        return run(context, params);
      },
    };
  }

  const id = (params: Record<string, string>) => params.id ?? '';
  return [
    route('POST', '/keys', async (context) =>
      json(
        201,
        await manager.createKey(body(context) as CreateKeyInput, {
          createProject: flag(context, 'createProject'),
        }),
      ),
    ),
    route('GET', '/keys', async (context) => {
      const projectId = context.http.query.get('projectId') ?? undefined;
      return json(200, { object: 'list', data: await manager.listKeys(projectId ? { projectId } : {}) });
    }),
    route('GET', '/keys/:id', async (_context, params) => json(200, await manager.getKey(id(params)))),
    route('PATCH', '/keys/:id', async (context, params) =>
      json(200, await manager.updateKey(id(params), body(context) as UpdateKeyInput)),
    ),
    route('POST', '/keys/:id/disable', async (_context, params) =>
      json(200, await manager.updateKey(id(params), { disabled: true })),
    ),
    route('POST', '/keys/:id/enable', async (_context, params) =>
      json(200, await manager.updateKey(id(params), { disabled: false })),
    ),
    route('DELETE', '/keys/:id', async (_context, params) => {
      await manager.deleteKey(id(params));
      return json(200, { object: 'api_key', id: id(params), deleted: true });
    }),
    route('POST', '/projects', async (context) =>
      json(201, await manager.createProject(body(context) as CreateProjectInput)),
    ),
    route('GET', '/projects', async () => json(200, { object: 'list', data: await manager.listProjects() })),
    route('GET', '/projects/:id', async (_context, params) =>
      json(200, await manager.getProject(id(params))),
    ),
    route('PATCH', '/projects/:id', async (context, params) =>
      json(200, await manager.updateProject(id(params), body(context) as UpdateProjectInput)),
    ),
    route('DELETE', '/projects/:id', async (context, params) => {
      await manager.deleteProject(id(params), { deleteKeys: flag(context, 'deleteKeys') });
      return json(200, { object: 'project', id: id(params), deleted: true });
    }),
  ];
}
