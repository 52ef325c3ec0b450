import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createAdminGuard,
  type KoaLikeContext,
  type NodeHandler,
  parseLogQuery,
  parseUsageQuery,
  toKoa,
} from '@signalbox/observability';
import { GatewayError } from '@signalbox/core';
import { parseCookies, serializeSessionCookie } from './cookies.js';
import { type DashboardOptions, parseDashboardOptions } from './dashboard-options.js';
import { appPage, signInPage } from './pages.js';
import { FormError, readForm } from './read-form.js';
import { securityHeaders } from './security-headers.js';
import { createSessionTokens } from './session-tokens.js';
import { createSignInThrottle } from './sign-in-throttle.js';
import { loadStaticAssets, type StaticAsset } from './static-assets.js';

/** The dashboard: a plain Node handler, with helpers for Express and Koa. */
export type Dashboard = NodeHandler & {
  /** The path it is mounted at (links, the cookie's `Path`). */
  readonly basePath: string;
  /** For `app.use(basePath, dashboard.express())` (the handler itself; Express needs no glue). */
  express(): NodeHandler;
  /** For `app.use(mount(basePath, dashboard.koa()))`. */
  koa(): (context: KoaLikeContext, next: () => Promise<unknown>) => Promise<void>;
};

const COOKIE = 'signalbox_dashboard';

function send(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string>,
): void {
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, {
    ...securityHeaders(),
    'cache-control': 'no-store',
    'content-length': String(payload.length),
    ...headers,
  });
  response.end(payload);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, JSON.stringify(value), { 'content-type': 'application/json; charset=utf-8' });
}

function sendHtml(
  response: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
) {
  send(response, status, html, { 'content-type': 'text/html; charset=utf-8', ...headers });
}

function redirect(response: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  send(response, 303, '', { location, ...headers });
}

/**
 * A POST from another site (CSRF) is refused: browsers say where it came from in
 * `Sec-Fetch-Site` (only `same-origin` passes); older ones in `Origin`, which must match `Host`.
 * Clients that send neither (curl) are not browsers riding a cookie, and pass.
 */
function crossSite(request: IncomingMessage): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin';
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  const host = request.headers['x-forwarded-host'] ?? request.headers.host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

function isHttps(request: IncomingMessage): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = Array.isArray(forwarded) ? forwarded[0] : forwarded?.split(',')[0]?.trim();
  return proto === 'https' || (request.socket as { encrypted?: boolean }).encrypted === true;
}

/**
 * The Usage, Activity and Logs pages of the hosted gateways, for the operator of a self-hosted
 * one, as a plain Node handler mounted at `basePath` (default `/dashboard`): a Node handler is
 * what Express takes as it is and Koa takes through `toKoa`, with no framework dependency, and
 * it can answer HTML, assets, cookies and redirects, which gateway routes (JSON under `/v1`)
 * cannot. People sign in with the admin key through a form; the HttpOnly, SameSite=Strict cookie
 * holds a signed session token, never the key. Tools send `Authorization: Bearer <admin key>`.
 * A gateway key never opens it. Chart.js and every asset are served locally under a strict CSP.
 *
 * @example
 * ```ts
 * const board = dashboard({ logStore: log.store, adminKey: process.env.SIGNALBOX_ADMIN_KEY! });
 * expressApp.use('/dashboard', board.express());
 * koaApp.use(mount('/dashboard', board.koa()));
 * ```
 */
export function dashboard(options: DashboardOptions): Dashboard {
  const settings = parseDashboardOptions(options);
  const { basePath, title, logStore } = settings;
  const guard = createAdminGuard(options.adminKey);
  const now = settings.now;
  const sessions = createSessionTokens({ adminKey: options.adminKey, ttlMs: settings.sessionTtlMs, now });
  const throttle = createSignInThrottle({ ...settings.signInThrottle, now });
  let assets: Map<string, StaticAsset> | undefined;

  function cookie(request: IncomingMessage, token: string, maxAgeSeconds: number): string {
    const secure = settings.secureCookie === 'auto' ? isHttps(request) : settings.secureCookie;
    return serializeSessionCookie(COOKIE, token, { path: basePath, maxAgeSeconds, secure });
  }

  /** `ok`, or why not: a wrong bearer token is refused even with a valid cookie. */
  function access(request: IncomingMessage): 'ok' | 'none' | 'invalid' {
    const bearer = guard.check(request.headers);
    if (bearer === 'ok') return 'ok';
    if (bearer === 'invalid') return 'invalid';
    return sessions.verify(parseCookies(request.headers.cookie)[COOKIE]) ? 'ok' : 'none';
  }

  function serveAsset(request: IncomingMessage, response: ServerResponse, name: string): boolean {
    assets ??= loadStaticAssets();
    const asset = assets.get(name);
    if (!asset) return false;
    const headers = { 'content-type': asset.contentType, etag: asset.etag, 'cache-control': 'no-cache' };
    if (request.headers['if-none-match'] === asset.etag) send(response, 304, '', headers);
    else send(response, 200, asset.body, headers);
    return true;
  }

  async function signIn(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const address = request.socket.remoteAddress ?? 'unknown';
    if (!throttle.allowed(address)) {
      sendHtml(
        response,
        429,
        signInPage({ title, base: basePath, error: 'Too many failed attempts: wait a few minutes.' }),
      );
      return;
    }
    const form = await readForm(request);
    if (!guard.matches(form.get('key') ?? undefined)) {
      throttle.failed(address);
      sendHtml(response, 401, signInPage({ title, base: basePath, error: 'That is not the admin key.' }));
      return;
    }
    throttle.succeeded(address);
    const { token } = sessions.issue();
    redirect(response, `${basePath}/`, {
      'set-cookie': cookie(request, token, settings.sessionTtlMs / 1000),
    });
  }

  function signOut(request: IncomingMessage, response: ServerResponse): void {
    const token = parseCookies(request.headers.cookie)[COOKIE];
    if (token) sessions.revoke(token);
    redirect(response, `${basePath}/`, { 'set-cookie': cookie(request, '', 0) });
  }

  async function api(path: string, url: URL, response: ServerResponse): Promise<boolean> {
    if (path === '/api/usage') {
      sendJson(response, 200, await logStore.usage(parseUsageQuery(url.searchParams, now())));
    } else if (path === '/api/logs') {
      const page = await logStore.list(parseLogQuery(url.searchParams));
      sendJson(response, 200, { object: 'list', data: page.records, next_cursor: page.nextCursor });
    } else if (path.startsWith('/api/logs/') && path.split('/').length === 4) {
      const id = decodeURIComponent(path.slice('/api/logs/'.length));
      const record = await logStore.get(id);
      if (record) sendJson(response, 200, record);
      else sendJson(response, 404, { error: { message: `No request log record with id '${id}'.` } });
    } else {
      return false;
    }
    return true;
  }

  async function route(
    request: IncomingMessage,
    response: ServerResponse,
    next?: (error?: unknown) => void,
  ): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://dashboard.invalid');
    let path = url.pathname;
    if (path === basePath || path.startsWith(`${basePath}/`)) path = path.slice(basePath.length);
    if (path === '') path = '/';
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const passOn = () => (next ? next() : sendJson(response, 404, { error: { message: 'Not found.' } }));

    if (method === 'GET' && path.startsWith('/assets/')) {
      if (!serveAsset(request, response, path.slice('/assets/'.length))) passOn();
      return;
    }
    if (method === 'POST' && (path === '/sign-in' || path === '/sign-out')) {
      if (crossSite(request))
        return sendHtml(
          response,
          403,
          signInPage({ title, base: basePath, error: 'Cross-site form refused.' }),
        );
      return path === '/sign-in' ? signIn(request, response) : signOut(request, response);
    }
    if (method !== 'GET') {
      if (path === '/' || path.startsWith('/api/')) return send(response, 405, '', { allow: 'GET, HEAD' });
      return passOn();
    }
    const allowed = access(request);
    if (path === '/') {
      if (allowed === 'ok') return sendHtml(response, 200, appPage({ title, base: basePath }));
      // A person gets the form; a tool that sent a wrong key gets a 401 (with the same form).
      return sendHtml(response, allowed === 'invalid' ? 401 : 200, signInPage({ title, base: basePath }));
    }
    if (path.startsWith('/api/')) {
      if (allowed !== 'ok') {
        return send(
          response,
          401,
          JSON.stringify({ error: { message: 'Sign in, or send Authorization: Bearer <admin key>.' } }),
          {
            'content-type': 'application/json; charset=utf-8',
            'www-authenticate': 'Bearer realm="signalbox"',
          },
        );
      }
      if (!(await api(path, url, response))) passOn();
      return;
    }
    passOn();
  }

  async function handler(
    request: IncomingMessage,
    response: ServerResponse,
    next?: (error?: unknown) => void,
  ) {
    try {
      await route(request, response, next);
    } catch (error) {
      if (response.headersSent) {
        response.destroy();
      } else if (error instanceof FormError) {
        sendHtml(response, error.status, signInPage({ title, base: basePath, error: error.message }));
      } else if (GatewayError.isInstance(error) && error.status < 500) {
        sendJson(response, error.status, { error: { message: error.message, param: error.param ?? null } });
      } else {
        sendJson(response, 500, { error: { message: 'The dashboard could not read the request log.' } });
      }
    }
  }

  return Object.assign(handler, {
    basePath,
    express: () => handler,
    koa: () => toKoa(handler),
  });
}
