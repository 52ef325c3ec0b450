import {
  type HttpClient,
  type ProviderTimeouts,
  parseOptions,
  providerOptionSchemas,
} from '@signalbox/provider-utils';
import type { GoogleAuthOptions } from 'google-auth-library';
import { z } from 'zod';

/**
 * A service-account key, as in the JSON file Google Cloud issues. `token_uri` is honoured: the
 * access token is asked there (Google's own endpoint unless the key says otherwise).
 */
export interface ServiceAccountCredentials {
  type?: string;
  client_email: string;
  private_key: string;
  private_key_id?: string;
  project_id?: string;
  token_uri?: string;
  universe_domain?: string;
  [field: string]: unknown;
}

/** Options of `createVertex`. */
export interface VertexProviderOptions {
  /** The provider name in the gateway (the `vertex` of `vertex/gemini-2.5-flash`); default `vertex`. */
  name?: string;
  /** The Google Cloud project id (in the URL). */
  project: string;
  /** The region (`us-central1`, `europe-west4`) or `global`. */
  location: string;
  /** A service-account key (the parsed JSON file). At most one of `credentials`, `keyFile`, `googleAuthOptions`. */
  credentials?: ServiceAccountCredentials;
  /**
   * A JSON key file (`GOOGLE_APPLICATION_CREDENTIALS`), read at construction: a service-account
   * key is used as `credentials`, any other kind (an `authorized_user` file) by google-auth-library.
   */
  keyFile?: string;
  /**
   * google-auth-library's own options, passed to `new GoogleAuth()` (`authClient`, `scopes`,
   * `clientOptions`...). With none of the three, Application Default Credentials are used.
   */
  googleAuthOptions?: GoogleAuthOptions;
  /** Default `https://{location}-aiplatform.googleapis.com/v1` (`https://aiplatform.googleapis.com/v1` for `global`). */
  baseURL?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Timeouts of the adapter's own HTTP client (not allowed with `httpClient`). */
  timeouts?: ProviderTimeouts;
  /** Models to list in the gateway's `GET /v1/models` (Vertex has no listing the adapter asks); default none. */
  listModels?: string[];
  /** A shared client from `createHttpClient`; by default the adapter creates its own. */
  httpClient?: HttpClient;
}

const credentialsSchema = z.looseObject({
  client_email: z.string().min(1),
  private_key: z.string().min(1),
  token_uri: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
});

const vertexOptionsSchema = z
  .strictObject({
    name: providerOptionSchemas.name.optional(),
    project: z.string().regex(/^[a-z0-9][a-z0-9.:-]*$/i, 'must be a Google Cloud project id'),
    location: z.string().regex(/^[a-z0-9-]+$/, "must be a region like 'us-central1' or 'global'"),
    credentials: credentialsSchema.optional(),
    keyFile: z.string().min(1).optional(),
    googleAuthOptions: z.record(z.string(), z.unknown()).optional(),
    baseURL: providerOptionSchemas.baseURL.optional(),
    headers: providerOptionSchemas.headers.optional(),
    timeouts: providerOptionSchemas.timeouts.optional(),
    listModels: z.array(z.string().min(1)).optional(),
    httpClient: providerOptionSchemas.httpClient.optional(),
  })
  .refine((options) => !(options.httpClient && options.timeouts), {
    path: ['timeouts'],
    message: 'cannot be combined with httpClient (set the timeouts on the client)',
  })
  .refine(
    (options) =>
      [options.credentials, options.keyFile, options.googleAuthOptions].filter((value) => value !== undefined)
        .length <= 1,
    { path: ['credentials'], message: 'give at most one of credentials, keyFile and googleAuthOptions' },
  );

/**
 * Validates the options of `createVertex` at construction. Throws a `TypeError` naming the first
 * bad option (`createVertex: option 'project' must be a Google Cloud project id`).
 */
export function parseVertexOptions(options: unknown): VertexProviderOptions {
  // The schema checks the shape; the typed fields (auth options) are passed on as given.
  parseOptions(vertexOptionsSchema, options, 'createVertex');
  return options as VertexProviderOptions;
}
