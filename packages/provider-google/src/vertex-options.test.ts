import { describe, expect, it } from 'vitest';
import { parseVertexOptions } from './vertex-options.js';

const key = { client_email: 'sa@p.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\n...' };

describe('parseVertexOptions', () => {
  it('accepts project, location and one credential source', () => {
    const options = { project: 'my-project', location: 'us-central1', credentials: key };
    expect(parseVertexOptions(options)).toBe(options);
    expect(parseVertexOptions({ project: 'p', location: 'global', keyFile: '/k.json' })).toBeDefined();
  });

  it('names the bad option', () => {
    expect(() => parseVertexOptions({ location: 'us-central1' })).toThrow("createVertex: option 'project'");
    expect(() => parseVertexOptions({ project: 'p', location: 'US Central' })).toThrow(
      /option 'location' must be a region/,
    );
    expect(() =>
      parseVertexOptions({ project: 'p', location: 'l', credentials: { client_email: 'x' } }),
    ).toThrow("createVertex: option 'credentials.private_key'");
    expect(() =>
      parseVertexOptions({ project: 'p', location: 'l', credentials: { ...key, token_uri: 'file:///x' } }),
    ).toThrow(/credentials.token_uri' must be an http\(s\) URL/);
    expect(() =>
      parseVertexOptions({ project: 'p', location: 'l', credentials: key, keyFile: '/k.json' }),
    ).toThrow(/give at most one of credentials, keyFile and googleAuthOptions/);
    expect(() => parseVertexOptions({ project: 'p', location: 'l', apiKey: 'x' })).toThrow(
      "createVertex: unknown option 'apiKey'",
    );
  });
});
