import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MachineInfo } from './machine.js';

/** `bench/results/` */
export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/**
 * Writes a run's results as JSON to `bench/results/<kind>-<date>.json` (the main run: `<date>.json`)
 * and `<kind>-latest.json` (`latest.json`). Returns the dated path.
 */
export function writeResults<Value extends { machine: MachineInfo; startedAt: string }>(
  kind: 'bench' | 'soak' | 'peers' | 'profile',
  value: Value,
): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = value.startedAt.replace(/[:]/g, '-').replace(/\..+$/, '');
  const prefix = kind === 'bench' ? '' : `${kind}-`;
  const text = `${JSON.stringify(value, null, 2)}\n`;
  const dated = `${RESULTS_DIR}${prefix}${stamp}.json`;
  writeFileSync(dated, text);
  writeFileSync(`${RESULTS_DIR}${prefix}latest.json`, text);
  return dated;
}
