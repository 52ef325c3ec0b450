/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) this reader uses. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
  }>;
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** One function's share of the samples. */
export interface SelfTime {
  /** `name (file:line)`; `(anonymous)` when V8 has no name. */
  name: string;
  /** Where it lives: `packages/core`, `node_modules/undici`, `node:internal`... */
  location: string;
  /** Self time in ms and as a share of all samples (idle and GC included). */
  selfMs: number;
  share: number;
}

/**
 * Maps a position in a bundled file back to the source file it came from; `undefined` when it
 * cannot tell.
 */
export type SourceLocator = (url: string, lineNumber: number) => string | undefined;

/** Where each module starts in a bundle: esbuild writes `// <path>` before each one. */
export interface BundleMarker {
  /** 0-based line of the marker. */
  line: number;
  path: string;
}

/** Reads the module markers of a bundle's text, in line order. */
export function bundleMarkers(text: string): BundleMarker[] {
  const markers: BundleMarker[] = [];
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line += 1) {
    const current = lines[line] as string;
    if (current.startsWith('// ') && /\.(m?[jt]s|json)$/.test(current))
      markers.push({ line, path: current.slice(3) });
  }
  return markers;
}

/** The module a 0-based line of a bundle belongs to (the last marker at or before it). */
export function bundleSourceOf(markers: BundleMarker[], lineNumber: number): string | undefined {
  let low = 0;
  let high = markers.length - 1;
  let found: string | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const marker = markers[middle] as BundleMarker;
    if (marker.line <= lineNumber) {
      found = marker.path;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** Shortens a script URL to where the code lives (workspace package, npm package, Node). */
export function locationOf(url: string): string {
  if (url === '') return '(native/vm)';
  if (url.startsWith('node:')) return url.startsWith('node:internal') ? 'node:internal' : url;
  const workspace = /\/(packages|examples)\/([^/]+)\/src\//.exec(url);
  if (workspace) return `${workspace[1]}/${workspace[2]}`;
  const modules = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (modules?.[1] && !modules[1].startsWith('.pnpm')) return `node_modules/${modules[1]}`;
  if (url.includes('/bench/src/') || url.startsWith('src/')) return 'bench';
  return url.replace(/^file:\/\//, '');
}

function shortFile(url: string): string {
  const clean = url.replace(/^file:\/\//, '');
  const parts = clean.split('/');
  return parts.slice(-2).join('/');
}

function timePerNode(profile: CpuProfile): { perNode: Map<number, number>; totalMs: number } {
  const perNode = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  if (samples.length > 0 && deltas.length === samples.length) {
    // Each sample's time is the delta to the next one (the last one gets the average).
    const average = (profile.endTime - profile.startTime) / samples.length;
    for (let index = 0; index < samples.length; index += 1) {
      const next = deltas[index + 1];
      const micro = next !== undefined && next >= 0 ? next : average;
      const id = samples[index] as number;
      perNode.set(id, (perNode.get(id) ?? 0) + micro / 1000);
    }
  } else {
    const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0) || 1;
    const microPerHit = (profile.endTime - profile.startTime) / total;
    for (const node of profile.nodes) perNode.set(node.id, ((node.hitCount ?? 0) * microPerHit) / 1000);
  }
  const totalMs = [...perNode.values()].reduce((sum, value) => sum + value, 0);
  return { perNode, totalMs };
}

/** The file a frame's code comes from: the source module for bundled code, else its URL. */
function sourceOf(frame: { url: string; lineNumber: number }, locate?: SourceLocator): string {
  return (frame.url && locate?.(frame.url, frame.lineNumber)) || frame.url;
}

/** The functions with the most self time, merged by name and place, most first. */
export function topSelfTime(profile: CpuProfile, limit = 30, locate?: SourceLocator): SelfTime[] {
  const { perNode, totalMs } = timePerNode(profile);
  const merged = new Map<string, SelfTime>();
  for (const node of profile.nodes) {
    const ms = perNode.get(node.id) ?? 0;
    if (ms === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const source = sourceOf(node.callFrame, locate);
    const place = source !== url ? shortFile(source) : `${shortFile(url)}:${lineNumber + 1}`;
    const name = url ? `${functionName || '(anonymous)'} (${place})` : functionName || '(anonymous)';
    const entry = merged.get(name) ?? { name, location: locationOf(source), selfMs: 0, share: 0 };
    entry.selfMs += ms;
    merged.set(name, entry);
  }
  return [...merged.values()]
    .map((entry) => ({
      ...entry,
      selfMs: Math.round(entry.selfMs * 10) / 10,
      share: totalMs ? entry.selfMs / totalMs : 0,
    }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, limit);
}

/** Self time summed by where the code lives (workspace package, npm package, Node), most first. */
export function selfTimeByLocation(
  profile: CpuProfile,
  locate?: SourceLocator,
): Array<{ location: string; selfMs: number; share: number }> {
  const { perNode, totalMs } = timePerNode(profile);
  const sums = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = perNode.get(node.id) ?? 0;
    if (ms === 0) continue;
    const location = node.callFrame.url
      ? locationOf(sourceOf(node.callFrame, locate))
      : node.callFrame.functionName || '(native/vm)';
    sums.set(location, (sums.get(location) ?? 0) + ms);
  }
  return [...sums.entries()]
    .map(([location, ms]) => ({
      location,
      selfMs: Math.round(ms * 10) / 10,
      share: totalMs ? ms / totalMs : 0,
    }))
    .sort((a, b) => b.selfMs - a.selfMs);
}
