import type { Warning } from '@signalbox/core';

/** Adds a warning unless one for the same feature (or the same message) is already there. */
export function warnOnce(warnings: Warning[], warning: Warning): void {
  const key = (item: Warning) => ('feature' in item ? `feature:${item.feature}` : `message:${item.message}`);
  if (warnings.some((known) => key(known) === key(warning))) return;
  warnings.push(warning);
}
