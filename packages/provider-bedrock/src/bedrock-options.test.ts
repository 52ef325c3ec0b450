import { describe, expect, it } from 'vitest';
import { parseBedrockOptions } from './bedrock-options.js';

describe('parseBedrockOptions', () => {
  it('takes the region from the options, else AWS_REGION, else AWS_DEFAULT_REGION', () => {
    expect(parseBedrockOptions({ region: 'eu-west-3' }, {}).region).toBe('eu-west-3');
    expect(parseBedrockOptions({}, { AWS_REGION: 'us-west-2' }).region).toBe('us-west-2');
    expect(parseBedrockOptions({}, { AWS_DEFAULT_REGION: 'ap-south-1' }).region).toBe('ap-south-1');
    expect(() => parseBedrockOptions({}, {})).toThrow("createBedrock: option 'region' is required");
  });

  it('reads a Bedrock API key from AWS_BEARER_TOKEN_BEDROCK', () => {
    expect(
      parseBedrockOptions({ region: 'us-east-1' }, { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-key' }).apiKey,
    ).toBe('bedrock-key');
    expect(parseBedrockOptions({ region: 'us-east-1' }, {}).apiKey).toBeUndefined();
  });

  it('accepts static credentials or a provider function', () => {
    const credentials = { accessKeyId: 'AKID', secretAccessKey: 'secret' };
    expect(parseBedrockOptions({ region: 'us-east-1', credentials }, {}).credentials).toEqual(credentials);
    const provider = async () => credentials;
    expect(parseBedrockOptions({ region: 'us-east-1', credentials: provider }, {}).credentials).toBe(
      provider,
    );
  });

  it('names the bad option', () => {
    expect(() => parseBedrockOptions({ region: 'virginia' }, {})).toThrow(
      "createBedrock: option 'region' must be an AWS region such as us-east-1",
    );
    expect(() => parseBedrockOptions({ region: 'us-east-1', baseUrl: 'http://x' }, {})).toThrow(
      "createBedrock: unknown option 'baseUrl'",
    );
    expect(() => parseBedrockOptions({ region: 'us-east-1', credentials: { accessKeyId: 'A' } }, {})).toThrow(
      /option 'credentials/,
    );
  });
});
