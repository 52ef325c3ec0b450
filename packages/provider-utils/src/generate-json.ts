import type { GenerateResult } from '@signalbox/core';
import { type ApiCallOptions, callJsonApi } from './call-api.js';
import { upstreamInvalidResponse } from './upstream-invalid-response.js';
import { upstreamResponseInfo } from './upstream-response-info.js';

/**
 * A non-streamed model call, the same for every JSON adapter: sends `api`, decodes the answer
 * with `decode` (a decode failure becomes a 502 `upstream_invalid_response` that keeps the body),
 * and adds the upstream's request id (from `requestIdHeader`) and headers to the result's
 * response info, under what the decoder set itself.
 */
export async function generateFromJsonApi(
  api: ApiCallOptions,
  decode: (value: unknown) => GenerateResult,
  requestIdHeader: string,
): Promise<GenerateResult> {
  const { value, response } = await callJsonApi(api);
  let result: GenerateResult;
  try {
    result = decode(value);
  } catch (error) {
    throw upstreamInvalidResponse(error, { provider: api.provider, response, body: value });
  }
  result.response = { ...upstreamResponseInfo(response, requestIdHeader), ...result.response };
  return result;
}
