import type { Principal } from '@signalbox/core';
import type { AuthState } from './auth-state.js';
import { hasLimits, type RateLimits } from './gateway-key.js';
import { entriesOf, type LimitEntry, type LimitSubject } from './rate-limiter.js';

/** Where a principal's limits come from besides `state.auth` (the `rateLimits()` options). */
export interface LimitSources {
  defaults?: RateLimits;
  principalLimits?: (principal: Principal) => RateLimits | undefined;
  projectLimits?: (projectId: string) => RateLimits | undefined;
}

/** The limits that apply to a request: the principal's own and its project's (each maybe none). */
interface AppliedLimits {
  own: RateLimits | undefined;
  projectId: string | undefined;
  project: RateLimits | undefined;
}

/** A principal's entries, and what they were made from (to tell whether they still hold). */
interface Plan extends AppliedLimits {
  anonymous: boolean;
  kind: Principal['kind'] | undefined;
  id: string | undefined;
  keyPrefix: string | undefined;
  entries: LimitEntry[];
}

/**
 * The principal's own limits, read as `rateLimits()` always did: the key's (`state.auth`), else
 * `principalLimits(principal)`, else `defaults`; undefined when they limit nothing. Read for
 * every request: the callback may answer differently.
 */
function ownLimits(
  principal: Principal | undefined,
  state: AuthState | undefined,
  sources: LimitSources,
): RateLimits | undefined {
  const own = state?.keyLimits ?? (principal && sources.principalLimits?.(principal)) ?? sources.defaults;
  return hasLimits(own) ? own : undefined;
}

/** The project's limits (`state.auth`, else `projectLimits(projectId)`); undefined when none. */
function projectLimits(
  projectId: string | undefined,
  state: AuthState | undefined,
  sources: LimitSources,
): RateLimits | undefined {
  if (projectId === undefined) return undefined;
  const project = state?.projectLimits ?? sources.projectLimits?.(projectId);
  return hasLimits(project) ? project : undefined;
}

function subjectsFor(principal: Principal | undefined, applied: AppliedLimits): LimitSubject[] {
  const subjects: LimitSubject[] = [];
  if (applied.own) {
    subjects.push({
      key: principal ? `${principal.kind}:${principal.id}` : 'anonymous',
      label: principal?.keyPrefix
        ? `API key ${principal.keyPrefix}`
        : principal
          ? `${principal.kind} ${principal.id}`
          : 'anonymous callers',
      limits: applied.own,
    });
  }
  if (applied.project && applied.projectId !== undefined) {
    subjects.push({
      key: `project:${applied.projectId}`,
      label: `project ${applied.projectId}`,
      limits: applied.project,
    });
  }
  return subjects;
}

function sameLimits(a: RateLimits | undefined, b: RateLimits | undefined): boolean {
  if (a === b) return true;
  return (
    a !== undefined &&
    b !== undefined &&
    a.requestsPerMinute === b.requestsPerMinute &&
    a.tokensPerMinute === b.tokensPerMinute
  );
}

function holds(
  plan: Plan,
  principal: Principal | undefined,
  own: RateLimits | undefined,
  projectId: string | undefined,
  project: RateLimits | undefined,
): boolean {
  return (
    plan.anonymous === (principal === undefined) &&
    plan.kind === principal?.kind &&
    plan.id === principal?.id &&
    plan.keyPrefix === principal?.keyPrefix &&
    plan.projectId === projectId &&
    sameLimits(plan.own, own) &&
    sameLimits(plan.project, project)
  );
}

/**
 * The entries of a request's limits (see `rateLimits()`), remembered per principal id: the
 * subjects, counter keys (`key:key_abc:requests`) and header values are made once per principal
 * and limits, not per request. The limits are still read for every request (callbacks included)
 * and compared by value, so a change of limits, prefix or project makes new entries at once.
 * At most `maxEntries` principals are remembered (the oldest dropped first). Undefined when no
 * limit applies.
 */
export function createLimitPlanner(
  sources: LimitSources,
  maxEntries = 10_000,
): (principal: Principal | undefined, state: AuthState | undefined) => LimitEntry[] | undefined {
  const plans = new Map<string, Plan>();
  return (principal, state) => {
    const own = ownLimits(principal, state, sources);
    const projectId = principal?.projectId;
    const project = projectLimits(projectId, state, sources);
    if (!own && !project) return undefined;
    const id = principal?.id ?? '';
    const known = plans.get(id);
    if (known && holds(known, principal, own, projectId, project)) return known.entries;
    const applied: AppliedLimits = { own, projectId, project };
    const plan: Plan = {
      ...applied,
      anonymous: principal === undefined,
      kind: principal?.kind,
      id: principal?.id,
      keyPrefix: principal?.keyPrefix,
      entries: entriesOf(subjectsFor(principal, applied)),
    };
    if (known) plans.delete(id);
    else if (plans.size >= maxEntries) {
      const oldest = plans.keys().next().value;
      if (oldest !== undefined) plans.delete(oldest);
    }
    plans.set(id, plan);
    return plan.entries;
  };
}
