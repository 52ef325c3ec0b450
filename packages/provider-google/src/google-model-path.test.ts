import { describe, expect, it } from 'vitest';
import { geminiModelPath, vertexBaseURL, vertexModelPath } from './google-model-path.js';

describe('model paths', () => {
  it('builds Gemini API resources', () => {
    expect(geminiModelPath('gemini-2.5-flash')).toBe('models/gemini-2.5-flash');
    expect(geminiModelPath('tunedModels/my-model')).toBe('tunedModels/my-model');
    expect(geminiModelPath('gemini-2.5-flash:status-429')).toBe('models/gemini-2.5-flash:status-429');
    expect(geminiModelPath('odd model')).toBe('models/odd%20model');
  });

  it('builds Vertex AI resources and base URLs', () => {
    expect(vertexModelPath('p1', 'us-central1', 'gemini-2.5-flash')).toBe(
      'projects/p1/locations/us-central1/publishers/google/models/gemini-2.5-flash',
    );
    expect(vertexModelPath('p1', 'europe-west4', 'endpoints/123')).toBe(
      'projects/p1/locations/europe-west4/endpoints/123',
    );
    expect(vertexBaseURL('us-central1')).toBe('https://us-central1-aiplatform.googleapis.com/v1');
    expect(vertexBaseURL('global')).toBe('https://aiplatform.googleapis.com/v1');
  });
});
