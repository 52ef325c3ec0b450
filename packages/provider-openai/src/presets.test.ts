import { describe, expect, it } from 'vitest';
import { isOpenAIPresetName, openaiPresets } from './presets.js';

describe('openaiPresets', () => {
  it('names every preset after its key, with an http(s) base URL and a model id example', () => {
    for (const [key, preset] of Object.entries(openaiPresets)) {
      expect(preset.name).toBe(key);
      expect(preset.baseURL).toMatch(/^https?:\/\/[^/]+/);
      expect(preset.exampleModel.length).toBeGreaterThan(0);
      if (preset.requiresApiKey) expect(preset.apiKeyEnv).toMatch(/_API_KEY$/);
      expect(preset.baseURLEnv).toMatch(/_BASE_URL$/);
    }
    expect(Object.keys(openaiPresets)).toHaveLength(11);
  });

  it('recognises preset names', () => {
    expect(isOpenAIPresetName('groq')).toBe(true);
    expect(isOpenAIPresetName('toString')).toBe(false);
  });
});
