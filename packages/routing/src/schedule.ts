import { type Cooldown, isPromiseLike } from './cooldown.js';
import type { ScheduledEntry } from './execute-plan.js';
import type { PlanEntry } from './plan.js';

/** The plan after the cooldown: what will be tried, what is skipped, and whether all were cooling. */
export interface Schedule {
  entries: ScheduledEntry[];
  /** Skipped because they are cooling down. */
  skipped: PlanEntry[];
  /** Every entry was cooling down, so all are tried anyway (better than failing). */
  force: boolean;
}

/**
 * Drops the entries that are cooling down (a half-open one stays: one request will probe it);
 * when every entry is cooling down, keeps them all. Without a cooldown, keeps the plan as is.
 */
export async function schedule(plan: PlanEntry[], cooldown: Cooldown | undefined): Promise<Schedule> {
  if (!cooldown) {
    return {
      entries: plan.map((entry) => ({ entry, status: 'closed', tracked: false })),
      skipped: [],
      force: false,
    };
  }
  const all: ScheduledEntry[] = [];
  for (const entry of plan) {
    const check = cooldown.status(entry.key);
    const { status, state } = isPromiseLike(check) ? await check : check;
    all.push({ entry, status, tracked: state !== undefined });
  }
  const entries = all.filter((item) => item.status !== 'open');
  if (entries.length === 0) return { entries: all, skipped: [], force: true };
  const skipped = all.filter((item) => item.status === 'open').map((item) => item.entry);
  return { entries, skipped, force: false };
}
