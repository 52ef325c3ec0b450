import type { StreamPart } from '@signalbox/core';

/** Options of `streamProblems`. */
export interface StreamProblemsOptions {
  /** Accept `error` parts (a failed stream); `finish` is then optional. Default false. */
  allowError?: boolean;
}

type BlockKind = 'text' | 'reasoning' | 'tool-input';

function blockOf(part: StreamPart): { kind: BlockKind; step: 'start' | 'delta' | 'end' } | undefined {
  const match = part.type.match(/^(text|reasoning|tool-input)-(start|delta|end|signature)$/);
  if (!match) return undefined;
  const step = match[2] === 'signature' ? 'delta' : match[2];
  return { kind: match[1] as BlockKind, step: step as 'start' | 'delta' | 'end' };
}

/**
 * Checks that a model stream is well-formed and returns what is wrong (empty when it is fine):
 * `stream-start` first and once; every delta and end inside its own start/end with the same id;
 * blocks closed before `finish`; a `tool-call` after the end of its streamed input, with a tool
 * name; exactly one `finish`, last, with nothing after it; no `error` part unless allowed.
 */
export function streamProblems(parts: readonly StreamPart[], options: StreamProblemsOptions = {}): string[] {
  const problems: string[] = [];
  if (parts[0]?.type !== 'stream-start')
    problems.push(`the first part is ${parts[0]?.type ?? 'missing'}, not stream-start`);
  const open = new Map<string, BlockKind>();
  const streamedInputs = new Set<string>();
  let finishes = 0;
  let errors = 0;
  for (const [index, part] of parts.entries()) {
    const where = `part ${index} (${part.type})`;
    if (finishes > 0) problems.push(`${where} comes after finish`);
    if (part.type === 'stream-start' && index > 0) problems.push(`${where}: stream-start again`);
    const block = blockOf(part);
    if (block && 'id' in part) {
      const key = `${block.kind}:${part.id}`;
      if (block.step === 'start') {
        if (open.has(key)) problems.push(`${where}: ${block.kind} ${part.id} started twice`);
        open.set(key, block.kind);
        if (part.type === 'tool-input-start') {
          streamedInputs.add(part.id);
          if (!part.toolName) problems.push(`${where}: no tool name`);
        }
      } else if (!open.has(key)) {
        problems.push(`${where}: ${block.kind} ${part.id} is not open`);
      } else if (block.step === 'end') {
        open.delete(key);
      }
    }
    if (part.type === 'tool-call') {
      if (!part.toolName) problems.push(`${where}: no tool name`);
      if (streamedInputs.has(part.toolCallId) && open.has(`tool-input:${part.toolCallId}`)) {
        problems.push(`${where}: tool-call before tool-input-end of ${part.toolCallId}`);
      }
    }
    if (part.type === 'error') {
      errors += 1;
      if (!options.allowError) problems.push(`${where}: unexpected error part`);
    }
    if (part.type === 'finish') {
      finishes += 1;
      for (const key of open.keys()) problems.push(`${where}: ${key} not ended before finish`);
    }
  }
  if (finishes === 0 && !(options.allowError && errors > 0)) problems.push('no finish part');
  return problems;
}
