// The workflow bundle is rebuilt only when a file it was built from changes, including a module
// the entry imports, not only the entry itself.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureWorkflowBundle, PROJECT_ROOT } from '../../workers/bundle';

describe('workflow bundle cache', () => {
  it('reuses the bundle until a source it was built from changes', async () => {
    // inside the project, where webpack resolves @temporalio/workflow; test/artifacts is ignored by git
    const artifacts = join(PROJECT_ROOT, 'test', 'artifacts');
    mkdirSync(artifacts, { recursive: true });
    const sources = mkdtempSync(join(artifacts, 'bundle-'));
    const location = { workflowsPath: join(sources, 'index.ts'), cacheDir: mkdtempSync(join(tmpdir(), 'yuqing-bundle-')) };
    writeFileSync(join(sources, 'greeting.ts'), `export const greeting = 'hello';\n`);
    writeFileSync(
      join(sources, 'index.ts'),
      `import { greeting } from './greeting';\nexport async function greet(): Promise<string> { return greeting; }\n`,
    );

    expect((await ensureWorkflowBundle(location)).rebuilt).toBe(true);
    expect((await ensureWorkflowBundle(location)).rebuilt).toBe(false);
    // the bundling options live in workers/bundle.ts: a change there (a converter, a preload) rebuilds too
    const [manifest] = readdirSync(location.cacheDir).filter((f) => f.endsWith('.json'));
    expect(Object.keys(JSON.parse(readFileSync(join(location.cacheDir, manifest!), 'utf8')).files)).toContain(join('workers', 'bundle.ts'));

    writeFileSync(join(sources, 'greeting.ts'), `export const greeting = '你好';\n`);
    const changed = await ensureWorkflowBundle(location);
    expect(changed.rebuilt).toBe(true);
    expect(readFileSync(changed.codePath, 'utf8')).toContain('你好');
    expect((await ensureWorkflowBundle(location)).rebuilt).toBe(false);
    rmSync(sources, { recursive: true });
  });
});
