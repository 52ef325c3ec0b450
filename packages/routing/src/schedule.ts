import { type Cooldown, type CooldownCheck, isPromiseLike } from './cooldown.js';
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

function untracked(entry: PlanEntry): ScheduledEntry {
  return { entry, status: 'closed', tracked: false };
}

/** The schedule of a plan none of whose entries the cooldown knows: every entry, as planned. */
export function clearSchedule(plan: PlanEntry[]): Schedule {
  return { entries: plan.map(untracked), skipped: [], force: false };
}

function scheduled(entry: PlanEntry, check: CooldownCheck): ScheduledEntry {
  return { entry, status: check.status, tracked: check.state !== undefined };
}

function split(all: ScheduledEntry[]): Schedule {
  const entries = all.filter((item) => item.status !== 'open');
  if (entries.length === 0) return { entries: all, skipped: [], force: true };
  const skipped = all.filter((item) => item.status === 'open').map((item) => item.entry);
  return { entries, skipped, force: false };
}

async function scheduleAsync(
  plan: PlanEntry[],
  cooldown: Cooldown,
  all: ScheduledEntry[],
  from: number,
  pending: Promise<CooldownCheck>,
): Promise<Schedule> {
  all.push(scheduled(plan[from] as PlanEntry, await pending));
  for (let index = from + 1; index < plan.length; index += 1) {
    const entry = plan[index] as PlanEntry;
    const check = cooldown.status(entry.key);
    all.push(scheduled(entry, isPromiseLike(check) ? await check : check));
  }
  return split(all);
}

/** The rest of the plan from `from` on, whose check is `first` (the entries before were untracked). */
function scheduleRest(
  plan: PlanEntry[],
  cooldown: Cooldown,
  from: number,
  first: CooldownCheck | Promise<CooldownCheck>,
): Schedule | Promise<Schedule> {
  const all = plan.slice(0, from).map(untracked);
  let check = first;
  for (let index = from; index < plan.length; index += 1) {
    const entry = plan[index] as PlanEntry;
    if (index > from) check = cooldown.status(entry.key);
    if (isPromiseLike(check)) return scheduleAsync(plan, cooldown, all, index, check);
    all.push(scheduled(entry, check));
  }
  return split(all);
}

/**
 * Drops the entries that are cooling down (a half-open one stays: one request will probe it);
 * when every entry is cooling down, keeps them all. Without a cooldown, keeps the plan as is.
 *
 * Synchronous when the cooldown store is (the memory store). When the cooldown knows none of
 * the entries (the common case) the answer is `clear` when given (a schedule made once per
 * plan, see `clearSchedule`), so nothing is allocated.
 */
export function schedule(
  plan: PlanEntry[],
  cooldown: Cooldown | undefined,
  clear?: Schedule,
): Schedule | Promise<Schedule> {
  if (cooldown) {
    for (let index = 0; index < plan.length; index += 1) {
      const check = cooldown.status((plan[index] as PlanEntry).key);
      if (isPromiseLike(check) || check.status !== 'closed' || check.state !== undefined) {
        return scheduleRest(plan, cooldown, index, check);
      }
    }
  }
  return clear ?? clearSchedule(plan);
}
