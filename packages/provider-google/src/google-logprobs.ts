function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function candidatesOf(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function entry(candidate: Record<string, unknown>): { token: string; logprob: number; bytes: null } {
  return {
    token: typeof candidate.token === 'string' ? candidate.token : '',
    logprob: typeof candidate.logProbability === 'number' ? candidate.logProbability : 0,
    bytes: null,
  };
}

/**
 * Converts Gemini's `logprobsResult` (`chosenCandidates`, and `topCandidates` per position) to
 * the shape of OpenAI's `choices[].logprobs` (`{content: [{token, logprob, bytes, top_logprobs}]}`),
 * the shape the canonical result carries logprobs in. Undefined when there are none.
 */
export function toOpenAILogprobs(logprobsResult: unknown): { content: unknown[] } | undefined {
  if (!isObject(logprobsResult)) return undefined;
  const chosen = candidatesOf(logprobsResult.chosenCandidates);
  if (chosen.length === 0) return undefined;
  const top = candidatesOf(logprobsResult.topCandidates);
  return {
    content: chosen.map((candidate, index) => ({
      ...entry(candidate),
      top_logprobs: candidatesOf(top[index]?.candidates).map(entry),
    })),
  };
}
