import { setTimeout as sleep } from 'node:timers/promises';
import { type Faults, parseFaults } from '@signalbox/provider-mock';
import type { Exchange } from './fake-server.js';

/** The faults that apply to one request, and the model name to echo back. */
export interface FaultPlan {
  /** The model id as sent, directives included (the key of flaky counts). */
  modelId: string;
  /** The model id with its directives stripped. */
  model: string;
  faults: Faults;
}

/** Parses the directives of the request's `model` and applies the server's override on top. */
export function planFaults(model: unknown, override: Faults | undefined): FaultPlan {
  const modelId = typeof model === 'string' ? model : '';
  const { base, faults } = parseFaults(modelId);
  return { modelId, model: base, faults: { ...faults, ...override } };
}

/** Resolves when the signal aborts (the client went away or the server is closing). */
export function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Waits `ms`, or less when the signal aborts first; resolves to false when it aborted. */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs the faults that act before any byte of the answer: `reset` destroys the socket, `hang`
 * holds it until the client (or `close()`) ends it, `delay` waits, `flaky` and `status` answer
 * with an error through `sendError`. Returns true when the exchange is over.
 */
export async function applyLeadingFaults(
  exchange: Exchange,
  plan: FaultPlan,
  sendError: (status: number, retryAfter: number | undefined) => void,
): Promise<boolean> {
  const { faults } = plan;
  if (faults.reset) {
    exchange.destroy();
    return true;
  }
  if (faults.hang) {
    await waitForAbort(exchange.signal);
    return true;
  }
  if (faults.delayMs !== undefined && !(await pause(faults.delayMs, exchange.signal))) return true;
  const status = exchange.flaky.next(plan.modelId, faults) ?? faults.status;
  if (status !== undefined && status >= 400) {
    sendError(status, faults.retryAfter);
    return true;
  }
  return false;
}
