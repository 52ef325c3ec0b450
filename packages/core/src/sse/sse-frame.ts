/** One server-sent event frame. `data` must not contain newlines (JSON.stringify output never does). */
export function sseFrame(data: string, event?: string): string {
  return event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}

/** A JSON payload as one SSE frame. */
export function sseJson(value: unknown, event?: string): string {
  return sseFrame(JSON.stringify(value), event);
}
