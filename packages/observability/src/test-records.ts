import type { RequestLogRecord } from './log-record.js';

let sequence = 0;

/** A complete record with plausible values, for tests; `overrides` replace fields. */
export function logRecord(overrides: Partial<RequestLogRecord> = {}): RequestLogRecord {
  sequence += 1;
  return {
    generationId: `gen_test_${String(sequence).padStart(6, '0')}_${Math.random().toString(36).slice(2, 8)}`,
    time: '2026-05-01T10:15:00.000Z',
    endpoint: 'chat.completions',
    principalId: 'key_alpha',
    projectId: 'proj_one',
    keyPrefix: 'sk-sb-alpha',
    requestedModel: 'mock/echo',
    model: 'mock/echo',
    provider: 'mock',
    providerModelId: 'echo',
    responseId: 'chatcmpl-test',
    attempts: [
      {
        model: 'mock/echo',
        provider: 'mock',
        providerModelId: 'echo',
        credentialType: 'system',
        startTime: '2026-05-01T10:15:00.001Z',
        durationMs: 12,
        success: true,
        status: 200,
        error: null,
        providerResponseId: 'chatcmpl-test',
      },
    ],
    status: 200,
    error: null,
    errorType: null,
    finishReason: 'stop',
    tokens: { input: 10, output: 5, noCache: 10, cacheRead: 0, cacheWrite: 0, reasoning: null },
    cost: {
      total: '0.000015',
      market: '0.000015',
      inference: '0.000015',
      input: '0.00001',
      output: '0.000005',
      isByok: false,
      estimated: false,
    },
    latencyMs: 20,
    ttftMs: 15,
    cacheStatus: null,
    stream: false,
    aborted: false,
    routing: null,
    user: null,
    metadata: null,
    io: null,
    ...overrides,
  };
}
