// Where a process's CPU time went, from the V8 CPU profiles `node --cpu-prof` writes (one per
// thread: the worker's main thread and its workflow thread). Workflow code runs as one webpack
// bundle inside the sandbox, so its samples are attributed to the bundled module (and from there
// to its package) by the module headers webpack writes into the bundle, line by line.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

/** "./node_modules/zod/v4/core/util.js" → "zod"; "./workflows/rules/x.ts" → "workflows/rules" */
function bucketOf(path: string): string {
  const p = path.replace(/^\.\//, '').replace(/^.*\/node_modules\//, 'node_modules/');
  const parts = p.split('/');
  if (parts[0] === 'node_modules') return parts[1]?.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1]!;
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** line → the bundled module that line belongs to, from webpack's `/***\/ "<path>"` headers */
function bundleModules(file: string): (line: number) => string {
  const starts: [number, string][] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const m = /^\/\*{3}\/ "(.+)"/.exec(text);
      if (m) starts.push([i, m[1]!]);
    });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (starts[mid]![0] <= line) lo = mid;
      else hi = mid - 1;
    }
    return starts[lo]?.[1] ?? 'bundle runtime';
  };
}

function categorize(frame: ProfileNode['callFrame'], bundles: Map<string, (line: number) => string>): string | undefined {
  const { url, functionName } = frame;
  if (functionName === '(idle)') return undefined;
  if (!url) return functionName.startsWith('(') ? functionName : 'native';
  if (url.includes('workflow-bundle')) {
    const path = url.startsWith('file:') ? fileURLToPath(url) : url;
    if (!bundles.has(path)) bundles.set(path, bundleModules(path));
    return `sandbox: ${bucketOf(bundles.get(path)!(frame.lineNumber))}`;
  }
  // node:internal/crypto/cipher → node:internal/crypto: which part of Node, not just "Node"
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return bucketOf(url.startsWith('file:') ? fileURLToPath(url) : url);
}

/** Per thread: total busy ms and the largest buckets with their share of it. */
export function summarizeProfiles(dir: string, top = 12) {
  const bundles = new Map<string, (line: number) => string>();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((file) => {
      const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
      const msPerSample = (profile.endTime - profile.startTime) / 1000 / Math.max(profile.samples.length, 1);
      const byBucket = new Map<string, number>();
      for (const node of profile.nodes) {
        const bucket = categorize(node.callFrame, bundles);
        if (bucket && node.hitCount) byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + node.hitCount * msPerSample);
      }
      const busyMs = [...byBucket.values()].reduce((a, b) => a + b, 0);
      const buckets = [...byBucket].sort((a, b) => b[1] - a[1]).slice(0, top).map(([bucket, ms]) => ({ bucket, ms: Math.round(ms), share: Math.round((ms / busyMs) * 1000) / 10 }));
      return { file, busyMs: Math.round(busyMs), buckets };
    })
    .filter((t) => t.busyMs > 0)
    .sort((a, b) => b.busyMs - a.busyMs);
}
