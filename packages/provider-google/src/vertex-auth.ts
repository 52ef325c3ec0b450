import { readFileSync } from 'node:fs';
import { UpstreamCallError } from '@signalbox/core';
import { GoogleAuth, type GoogleAuthOptions } from 'google-auth-library';
import type { ServiceAccountCredentials } from './vertex-options.js';

/** The OAuth scope Vertex AI needs. */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** The token endpoint google-auth-library always asks (it ignores a key's `token_uri`). */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** Where Vertex access tokens come from. */
export interface VertexAuthOptions {
  provider: string;
  credentials?: ServiceAccountCredentials;
  keyFile?: string;
  googleAuthOptions?: GoogleAuthOptions;
}

/** Gets OAuth access tokens for Vertex AI calls. */
export interface VertexAuth {
  /** A valid access token (google-auth-library caches it until shortly before it expires). */
  accessToken(signal: AbortSignal): Promise<string>;
}

/** The JSON key file at `path`: a service-account key, or another kind of credential file. */
export function readKeyFile(path: string): { credentials?: ServiceAccountCredentials; keyFilename?: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TypeError(
      `createVertex: option 'keyFile' must be a readable JSON key file (${(error as Error).message})`,
    );
  }
  const key = json as Partial<ServiceAccountCredentials>;
  if (
    key.type === 'service_account' &&
    typeof key.client_email === 'string' &&
    typeof key.private_key === 'string'
  )
    return { credentials: key as ServiceAccountCredentials };
  return { keyFilename: path };
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { response?: { status?: unknown } } | null)?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

function isNetworkFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_\w+|ETIMEDOUT)$/.test(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Turns a failure to get an access token into what the router needs: the token endpoint refusing
 * the key (a status), or no credentials found, is the operator's problem (a non-retryable 502
 * `upstream_authentication_failed`); a network failure reaching it is a retryable 502.
 */
export function accessTokenError(error: unknown, provider: string, tokenURL: string): UpstreamCallError {
  const status = statusOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (status === undefined && isNetworkFailure(error)) {
    return new UpstreamCallError(`Could not reach the OAuth token endpoint for ${provider}: ${detail}`, {
      status: 502,
      type: 'upstream_error',
      code: 'upstream_connection_error',
      upstreamStatus: undefined,
      isRetryable: true,
      url: tokenURL,
      provider,
      cause: error,
    });
  }
  return new UpstreamCallError(
    `The gateway's ${provider} credentials could not get an access token${status === undefined ? '' : ` (HTTP ${status})`}; the gateway operator must check its service account.`,
    {
      status: 502,
      type: 'upstream_error',
      code: 'upstream_authentication_failed',
      upstreamStatus: status,
      isRetryable: status !== undefined && status >= 500,
      url: tokenURL,
      provider,
      responseBody: detail.slice(0, 2048),
      cause: error,
    },
  );
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * OAuth access tokens for Vertex AI from google-auth-library's `GoogleAuth` (scope
 * `cloud-platform`): from a service-account key (`credentials`, or a `keyFile` holding one),
 * from `googleAuthOptions`, or else from Application Default Credentials. The library signs the
 * JWT assertion, caches the token and refreshes it before it expires; concurrent calls share
 * one refresh. A key whose `token_uri` is not Google's own endpoint has its token requests sent
 * there (the library would ignore it), which is how tests point it at a fake.
 */
export function createVertexAuth(options: VertexAuthOptions): VertexAuth {
  const fromFile = options.keyFile === undefined ? {} : readKeyFile(options.keyFile);
  const credentials = options.credentials ?? fromFile.credentials;
  const tokenURL = credentials?.token_uri ?? GOOGLE_TOKEN_URL;
  const auth = new GoogleAuth({
    scopes: [CLOUD_PLATFORM_SCOPE],
    ...(fromFile.keyFilename !== undefined && { keyFilename: fromFile.keyFilename }),
    ...(credentials !== undefined && { credentials }),
    ...options.googleAuthOptions,
  });
  let ready: Promise<void> | undefined;

  async function prepare(): Promise<void> {
    if (tokenURL === GOOGLE_TOKEN_URL) return;
    const client = await auth.getClient();
    client.transporter.interceptors.request.add({
      resolved: async (request) => {
        if (String(request.url) === GOOGLE_TOKEN_URL) request.url = new URL(tokenURL);
        return request;
      },
    });
  }

  return {
    async accessToken(signal) {
      try {
        ready ??= prepare().catch((error: unknown) => {
          ready = undefined;
          throw error;
        });
        await untilAborted(ready, signal);
        const token = await untilAborted(auth.getAccessToken(), signal);
        if (!token) throw new Error('google-auth-library returned no access token');
        return token;
      } catch (error) {
        if (signal.aborted) throw signal.reason ?? error;
        throw accessTokenError(error, options.provider, tokenURL);
      }
    },
  };
}
