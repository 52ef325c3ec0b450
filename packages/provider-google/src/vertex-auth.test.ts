import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGoogle, startFakeGoogle } from './fake-google.js';
import { accessTokenError, createVertexAuth, readKeyFile } from './vertex-auth.js';

let fake: FakeGoogle;
let directory: string;

beforeAll(async () => {
  fake = await startFakeGoogle();
  directory = await mkdtemp(join(tmpdir(), 'signalbox-vertex-auth-'));
});
afterAll(async () => {
  await fake.close();
  await rm(directory, { recursive: true, force: true });
});

describe('createVertexAuth', () => {
  it('gets a token from the key’s token_uri and reuses it', async () => {
    const auth = createVertexAuth({ provider: 'vertex', credentials: fake.serviceAccount() });
    const signal = new AbortController().signal;
    const before = fake.tokensIssued;
    const [first, second] = await Promise.all([auth.accessToken(signal), auth.accessToken(signal)]);
    expect(first).toMatch(/^ya29\.fake-/);
    expect(second).toBe(first);
    expect(await auth.accessToken(signal)).toBe(first);
    expect(fake.tokensIssued - before).toBe(1);
  });

  it('an unreachable token endpoint is a retryable 502', async () => {
    const closed = await startFakeGoogle();
    const credentials = { ...closed.serviceAccount() };
    await closed.close();
    const auth = createVertexAuth({ provider: 'vertex', credentials });
    const error = await auth.accessToken(new AbortController().signal).catch((e) => e);
    expect(error).toMatchObject({ status: 502, code: 'upstream_connection_error', isRetryable: true });
  }, 20_000);
});

describe('readKeyFile', () => {
  it('uses a service-account key as credentials, other files by name', async () => {
    const key = join(directory, 'sa.json');
    await writeFile(key, JSON.stringify(fake.serviceAccount()));
    expect(readKeyFile(key).credentials?.client_email).toBe(fake.serviceAccount().client_email);
    const user = join(directory, 'user.json');
    await writeFile(user, JSON.stringify({ type: 'authorized_user', client_id: 'x', refresh_token: 'y' }));
    expect(readKeyFile(user)).toEqual({ keyFilename: user });
    await writeFile(join(directory, 'bad.json'), 'not json');
    expect(() => readKeyFile(join(directory, 'bad.json'))).toThrow(TypeError);
  });
});

describe('accessTokenError', () => {
  it('maps a refusal, a server error and a network failure', () => {
    expect(
      accessTokenError({ response: { status: 400 }, message: 'invalid_grant' }, 'vertex', 'u'),
    ).toMatchObject({
      code: 'upstream_authentication_failed',
      upstreamStatus: 400,
      isRetryable: false,
    });
    expect(accessTokenError({ response: { status: 503 } }, 'vertex', 'u').isRetryable).toBe(true);
    const network = Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(accessTokenError(network, 'vertex', 'u')).toMatchObject({
      code: 'upstream_connection_error',
      isRetryable: true,
    });
    expect(
      accessTokenError(new Error('Could not load the default credentials'), 'vertex', 'u'),
    ).toMatchObject({
      code: 'upstream_authentication_failed',
      isRetryable: false,
    });
  });
});
