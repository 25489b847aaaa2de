// The import rules of README's architecture section, held against the code: each top-level folder
// may import only the folders (and packages) listed for it, so pure code stays pure, sandbox code
// stays replay-safe, and the API reaches workflows only through their definitions.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

interface Rule {
  /** project folders it may import from (its own is always allowed) */
  folders: string[];
  /** imported as types only: shapes, never code */
  typesFrom?: string[];
  /** within an allowed folder, only these files (project-relative pattern) */
  onlyFiles?: Record<string, RegExp>;
  /** packages it may import; `node:` builtins only where `node` is true */
  packages: RegExp;
  node: boolean;
}

const DEFINITIONS = /^workflows\/[a-z-]+\/definitions\.ts$/;

const RULES: Record<string, Rule> = {
  // opencc-js: the script conversion (domain/script.ts), pure tables and no I/O
  domain: { folders: [], packages: /^(zod|@noble\/(curves|hashes)|opencc-js)(\/|$)/, node: false },
  workflows: {
    folders: ['domain', 'codec'],
    typesFrom: ['activities'],
    // the marker a payload the worker cannot decode becomes, nothing else of the data converter
    onlyFiles: { codec: /^codec\/undecodable\.ts$/ },
    packages: /^(zod|@temporalio\/(workflow|common))(\/|$)/,
    node: false,
  },
  codec: { folders: ['domain', 'config'], packages: /^(zod|@temporalio\/(common|proto))(\/|$)/, node: true },
  config: { folders: ['domain'], typesFrom: ['activities'], packages: /^(zod|chinese-days)(\/|$)/, node: true },
  ops: { folders: ['config'], packages: /^(zod|@temporalio\/(common|worker))(\/|$)/, node: true },
  activities: { folders: ['domain', 'config', 'workflows'], onlyFiles: { workflows: DEFINITIONS }, packages: /^(?!@temporalio\/(workflow|worker)|express)/, node: true },
  // the 考核 reads incidents as the roll-ups do: the one read-only gathering, not a second copy of it
  api: { folders: ['domain', 'config', 'codec', 'ops', 'workflows', 'activities'], onlyFiles: { workflows: DEFINITIONS, activities: /^activities\/incident-states\.ts$/ }, packages: /^(?!@temporalio\/(workflow|worker))/, node: true },
  workers: { folders: ['domain', 'config', 'codec', 'ops', 'activities', 'workflows'], packages: /.*/, node: true },
  // the launcher knows where the data folder keeps things, and no other domain logic
  scripts: { folders: ['config', 'codec', 'ops', 'workers', 'domain'], onlyFiles: { workers: /^workers\/bundle\.ts$/, domain: /^domain\/data-layout\.ts$/ }, packages: /.*/, node: true },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'static' ? [] : sourceFiles(path);
    return /\.(ts|cjs)$/.test(e.name) ? [path] : [];
  });
}

interface Import {
  file: string;
  spec: string;
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  const found: Import[] = [];
  for (const m of source.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm)) found.push({ file, spec: m[2]!, typeOnly: !!m[1] });
  for (const m of source.matchAll(/require\('([^']+)'\)/g)) found.push({ file, spec: m[1]!, typeOnly: false });
  return found;
}

/** What breaks the rule, or undefined. */
export function violation(layer: string, { file, spec, typeOnly }: Import): string | undefined {
  const rule = RULES[layer]!;
  if (!spec.startsWith('.')) {
    if (spec.startsWith('node:')) return rule.node ? undefined : `${file} imports ${spec}: no Node I/O in ${layer}/`;
    return rule.packages.test(spec) ? undefined : `${file} imports the package ${spec}`;
  }
  const target = relative(ROOT, resolve(ROOT, dirname(file), spec));
  const folder = target.split('/')[0]!;
  if (folder === layer) return undefined;
  const allowed = rule.folders.includes(folder) || (typeOnly && rule.typesFrom?.includes(folder));
  if (!allowed) return `${file} imports ${target}${typeOnly ? ' (types)' : ''}: ${layer}/ may not depend on ${folder}/`;
  const only = rule.onlyFiles?.[folder];
  if (only && !only.test(`${target}.ts`) && !only.test(target)) return `${file} imports ${target}: of ${folder}/, ${layer}/ may import only ${only}`;
  return undefined;
}

describe('layering', () => {
  for (const layer of Object.keys(RULES)) {
    it(`${layer}/ imports only what it may`, () => {
      const problems = sourceFiles(layer).flatMap(importsOf).map((i) => violation(layer, i)).filter(Boolean);
      expect(problems).toEqual([]);
    });
  }

  it('catches what it is meant to catch', () => {
    expect(violation('domain', { file: 'domain/x.ts', spec: '@temporalio/workflow', typeOnly: false })).toBeDefined();
    expect(violation('domain', { file: 'domain/x.ts', spec: 'node:fs', typeOnly: false })).toBeDefined();
    expect(violation('domain', { file: 'domain/x.ts', spec: '../config/env', typeOnly: false })).toBeDefined();
    expect(violation('workflows', { file: 'workflows/incident/run.ts', spec: '../../activities/notify', typeOnly: false })).toBeDefined();
    expect(violation('workflows', { file: 'workflows/incident/run.ts', spec: '../../activities/types', typeOnly: true })).toBeUndefined();
    expect(violation('api', { file: 'api/routes/x.ts', spec: '../../workflows/incident/workflow', typeOnly: false })).toBeDefined();
    expect(violation('api', { file: 'api/routes/x.ts', spec: '../../workflows/incident/definitions', typeOnly: false })).toBeUndefined();
    expect(violation('api', { file: 'api/routes/x.ts', spec: '../../activities/publish', typeOnly: false })).toBeDefined();
  });
});
