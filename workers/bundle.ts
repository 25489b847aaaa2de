// The workflow bundle, built once and reused while the code it was built from is unchanged:
// bundling takes seconds and a worker (or a test file) should not pay that at every start.
// Webpack reports every file it read; their hashes, stored next to the bundle, decide freshness,
// so an edit anywhere the workflows reach (their rules, zod, the SDK itself) triggers a rebuild.
// `npm run build:workflows` runs this file to build ahead of time (CI, the Docker image).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const WORKFLOWS_ENTRY = join(PROJECT_ROOT, 'workflows', 'index.ts');

/**
 * Evaluated once per workflow thread and shared by every workflow in its cache, instead of once
 * per workflow (temporalio/sdk-typescript#2227): the schemas with zod itself, and the Ed25519
 * curve, were most of what a cached incident cost (bench/results/README.md). The SDK deep-freezes
 * what these modules export, so nothing a workflow writes to may be among it; schema.ts prepares
 * its zod schemas for the freeze (rules/shareable.ts).
 */
export const PRELOADED_MODULES = ['domain/model/schema.ts', 'domain/decisions/index.ts', 'domain/rules/signature.ts'].map((f) => join(PROJECT_ROOT, f));

export interface BundleLocation {
  workflowsPath?: string;
  /** node_modules/.cache is where build tools keep such things, and it is never committed */
  cacheDir?: string;
  /** absolute paths; PRELOADED_MODULES for the incident workflows' entry, none for any other */
  preloadModules?: string[];
}

interface Manifest {
  entry: string;
  preloadModules: string[];
  /** project-relative path → sha256 of its content */
  files: Record<string, string>;
}

export async function ensureWorkflowBundle(
  location: BundleLocation = {},
): Promise<{ codePath: string; rebuilt: boolean; preloadModules: string[] }> {
  const workflowsPath = location.workflowsPath ?? WORKFLOWS_ENTRY;
  const preloadModules = location.preloadModules ?? (workflowsPath === WORKFLOWS_ENTRY ? PRELOADED_MODULES : []);
  const cacheDir = location.cacheDir ?? join(PROJECT_ROOT, 'node_modules', '.cache', 'yuqing');
  // Relative, so a bundle built in one checkout (or image build stage) is valid in a copy of it.
  const entry = relative(PROJECT_ROOT, workflowsPath);
  const preloads = preloadModules.map((f) => relative(PROJECT_ROOT, f));
  const key = createHash('sha256').update(JSON.stringify([entry, preloads])).digest('hex').slice(0, 12);
  const codePath = join(cacheDir, `workflow-bundle-${key}.js`);
  const manifestPath = join(cacheDir, `workflow-bundle-${key}.json`);
  if (isFresh(codePath, manifestPath, entry, preloads)) return { codePath, rebuilt: false, preloadModules: preloads };

  // this file too: the options below (converters, preloads) shape the bundle as much as its inputs
  const read = new Set<string>([fileURLToPath(import.meta.url)]);
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    preloadModules,
    // inside the sandbox: an undecodable signal payload becomes a rejected decision, not a failed task
    payloadConverterPath: join(PROJECT_ROOT, 'codec', 'payload-converter.ts'),
    failureConverterPath: join(PROJECT_ROOT, 'codec', 'failure-converter.cjs'),
    logger: new DefaultLogger('WARN'),
    webpackConfigHook: (config) => ({
      ...config,
      plugins: [
        ...(config.plugins ?? []),
        {
          apply(compiler) {
            compiler.hooks.afterEmit.tap('yuqing-bundle-inputs', (compilation) => {
              for (const file of compilation.fileDependencies) read.add(file);
            });
          },
        },
      ],
    }),
  });
  const files: Record<string, string> = {};
  for (const file of [...read].filter(isAbsolute).sort()) {
    // webpack also lists some folders it looked into; their files are listed on their own
    if (existsSync(file) && statSync(file).isFile()) files[relative(PROJECT_ROOT, file)] = hashFile(file);
  }
  mkdirSync(cacheDir, { recursive: true });
  // Rename into place: a concurrent reader sees the old bundle or the new one, never half of one.
  writeAtomically(codePath, code);
  writeAtomically(manifestPath, JSON.stringify({ entry, preloadModules: preloads, files } satisfies Manifest));
  return { codePath, rebuilt: true, preloadModules: preloads };
}

function isFresh(codePath: string, manifestPath: string, entry: string, preloads: string[]): boolean {
  if (!existsSync(codePath) || !existsSync(manifestPath)) return false;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  if (manifest.entry !== entry || JSON.stringify(manifest.preloadModules) !== JSON.stringify(preloads)) return false;
  return Object.entries(manifest.files).every(([file, hash]) => {
    const path = resolve(PROJECT_ROOT, file);
    return existsSync(path) && hashFile(path) === hash;
  });
}

function hashFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function writeAtomically(path: string, content: string): void {
  const staging = `${path}.${process.pid}.tmp`;
  writeFileSync(staging, content);
  renameSync(staging, path);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  const { codePath, rebuilt } = await ensureWorkflowBundle();
  const what = rebuilt ? `built in ${((Date.now() - started) / 1000).toFixed(1)}s` : 'up to date';
  console.log(`workflow bundle ${what}: ${relative(process.cwd(), codePath)}`);
}
