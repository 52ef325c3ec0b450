import type { StreamPart } from '../spec/v1/stream-part.js';
import { generateToolCallId } from './from-openai-chat-response.js';

interface ToolCallState {
  id: string;
  name: string;
  input: string;
  /** Its `tool-input-start` went out. */
  started: boolean;
}

function isCompleteJson(text: string): boolean {
  if (text.trim() === '') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Assembles the `delta.tool_calls` fragments of an OpenAI stream into canonical parts, one call
 * at a time (a canonical stream, like Anthropic's, has one tool input open at once):
 * `tool-input-start`, `tool-input-delta`s, `tool-input-end`, then the `tool-call`.
 *
 * OpenAI sends the calls one after the other, and each is streamed live. Some servers interleave
 * them (a fragment of call 0 after call 1 started): a call that starts while the streamed one's
 * arguments are not yet complete JSON waits, its fragments collected, and follows (its input
 * so far in one delta) once the streamed one is complete, or at the end. No fragment is lost.
 */
export class OpenAIToolCallAssembler {
  private readonly calls = new Map<number, ToolCallState>();
  /** Calls not ended yet, in order of appearance; the first one is streamed live. */
  private readonly queue: ToolCallState[] = [];

  /** Whether a call is open (started, not ended). */
  get open(): boolean {
    return this.queue.length > 0;
  }

  /** One entry of `delta.tool_calls`. */
  *fragment(item: Record<string, unknown>): Generator<StreamPart> {
    const index = typeof item.index === 'number' ? item.index : this.calls.size;
    const fn = typeof item.function === 'object' && item.function !== null ? item.function : {};
    const name = (fn as { name?: unknown }).name;
    const argumentsDelta = (fn as { arguments?: unknown }).arguments;
    let call = this.calls.get(index);
    if (call === undefined) {
      call = {
        id: typeof item.id === 'string' ? item.id : generateToolCallId(),
        name: typeof name === 'string' ? name : '',
        input: '',
        started: false,
      };
      this.calls.set(index, call);
      this.queue.push(call);
      yield* this.advance();
    }
    // A fragment of a call already ended (its arguments were complete JSON) cannot be re-opened.
    if (typeof argumentsDelta !== 'string' || argumentsDelta === '' || !this.queue.includes(call)) return;
    call.input += argumentsDelta;
    if (call !== this.queue[0]) return;
    yield { type: 'tool-input-delta', id: call.id, delta: argumentsDelta };
    if (this.queue.length > 1) yield* this.advance();
  }

  /** Ends every open call, the waiting ones included (before other content, and at the end). */
  *endAll(): Generator<StreamPart> {
    while (this.queue.length > 0) {
      const call = this.queue[0] as ToolCallState;
      if (!call.started) yield* this.start(call);
      yield* this.end(call);
    }
  }

  /** Starts the live call; ends it when complete and another one waits, then starts that one. */
  private *advance(): Generator<StreamPart> {
    for (;;) {
      const live = this.queue[0];
      if (live === undefined) return;
      if (!live.started) yield* this.start(live);
      if (this.queue.length === 1 || !isCompleteJson(live.input)) return;
      yield* this.end(live);
    }
  }

  private *start(call: ToolCallState): Generator<StreamPart> {
    call.started = true;
    yield { type: 'tool-input-start', id: call.id, toolName: call.name };
    if (call.input !== '') yield { type: 'tool-input-delta', id: call.id, delta: call.input };
  }

  private *end(call: ToolCallState): Generator<StreamPart> {
    this.queue.shift();
    yield { type: 'tool-input-end', id: call.id };
    yield { type: 'tool-call', toolCallId: call.id, toolName: call.name, input: call.input };
  }
}
