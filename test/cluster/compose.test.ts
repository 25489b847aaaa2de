// docker-compose.yml cannot run here (no Docker daemon), so it is checked against the code instead:
// the same versions and server config as `npm run cluster`, every variable a service needs is set
// and every variable it is given is one the code reads, every path it builds or mounts exists.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EnvSchema } from '../../config/env';
import { SERVER_VERSION, UI_VERSION } from '../../scripts/cluster/binaries';
import { ClusterEnvSchema } from '../../scripts/cluster/settings';
import { PROJECT_ROOT } from '../../workers/bundle';

interface Service {
  image?: string;
  build?: string | { context: string; dockerfile?: string };
  entrypoint?: string[];
  command?: string[];
  environment?: Record<string, string | number>;
  volumes?: string[];
  ports?: string[];
  container_name?: string;
  depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string;
}

const read = (file: string) => readFileSync(join(PROJECT_ROOT, file), 'utf8');
const text = read('docker-compose.yml');
// merge keys (<<) resolved, as compose resolves them
const services = (parse(text, { merge: true }) as { services: Record<string, Service> }).services;
const dockerfile = read('Dockerfile');
const envExample = read('.env.example');
const ours = Object.entries(services).filter(([, s]) => s.build);

/** variables the worker, API and namespace step read: every zod schema they parse, plus the ops ones */
const KNOWN = new Set([...Object.keys(EnvSchema.shape), ...Object.keys(ClusterEnvSchema.shape), 'LOG_FORMAT', 'YUQING_WORKER_METRICS_ADDRESS', 'NODE_ENV']);

describe('docker-compose.yml', () => {
  it('runs the server, schema tools and UI at the versions of npm run cluster', () => {
    expect(services.temporal?.image).toBe(`temporalio/server:${SERVER_VERSION}`);
    expect(services['temporal-schema']?.image).toMatch(new RegExp(`^temporalio/admin-tools:${SERVER_VERSION.replaceAll('.', '\\.')}-`));
    expect(services['temporal-ui']?.image).toBe(`temporalio/ui:${UI_VERSION}`);
  });

  it('gives the server Yuqing’s own config file, so the shard count is the cluster command’s', () => {
    const args = services.temporal!.entrypoint!;
    const at = (flag: string) => args[args.indexOf(flag) + 1];
    const mount = services.temporal!.volumes!.map((v) => v.split(':')).find(([, target]) => target === join(at('--root')!, at('--config')!));
    expect(mount?.[0]).toBe('./config/temporal');
    expect(existsSync(join(PROJECT_ROOT, 'config/temporal', `${at('--env')}.yaml`))).toBe(true);
    expect(read('config/temporal/yuqing.yaml')).toMatch(/^ {2}numHistoryShards: 16$/m);
    expect(services.temporal!.environment!.TEMPORAL_DYNAMIC_CONFIG).toBe(`${join(at('--root')!, at('--config')!)}/dynamicconfig.yaml`);
  });

  it('sets every variable the server config has no default for', () => {
    const template = read('config/temporal/yuqing.yaml');
    const required = [...template.matchAll(/env "(\w+)"(?! \| default)/g)].map((m) => m[1]!).filter((name) => name !== 'TEMPORAL_LOG_FILE');
    expect(required.length).toBeGreaterThan(0);
    for (const name of required) expect([name, services.temporal!.environment?.[name]]).toEqual([name, expect.anything()]);
  });

  it('gives the worker, the API and the namespace step only variables the code reads, and the ones it must have', () => {
    for (const [name, service] of ours) {
      const env = service.environment ?? {};
      for (const key of Object.keys(env)) expect([name, key, KNOWN.has(key)]).toEqual([name, key, true]);
      expect([name, env.TEMPORAL_ADDRESS]).toEqual([name, 'temporal:7233']);
    }
    for (const name of ['worker', 'api']) {
      const env = services[name]!.environment!;
      expect(services[name]!.volumes).toContain(`yuqing-data:${env.YUQING_DATA_DIR}`);
    }
    expect(services.api!.environment!.YUQING_HOST).toBe('0.0.0.0');
    expect(services.worker!.environment!.YUQING_WORKER_METRICS_ADDRESS).toMatch(/^0\.0\.0\.0:\d+$/);
  });

  it('keeps secrets out: every required ${VAR:?} is documented in .env.example', () => {
    for (const [, name] of text.matchAll(/\$\{(\w+):\?/g)) expect([name, envExample]).toEqual([name, expect.stringMatching(new RegExp(`^${name}=`, 'm'))]);
    expect(text).not.toMatch(/PASSWORD: (?!\$\{)/);
  });

  it('lets the worker scale: no fixed name, no host port, a stop grace beyond the worker’s own', () => {
    const worker = services.worker!;
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toBeUndefined();
    expect(worker.stop_grace_period).toBe('20s');
    expect(Object.values(worker.depends_on ?? {}).map((d) => d.condition)).toEqual(['service_completed_successfully']);
  });

  it('builds from paths that exist', () => {
    for (const [, service] of ours) {
      const build = typeof service.build === 'string' ? { context: service.build } : service.build!;
      expect(existsSync(join(PROJECT_ROOT, build.context, build.dockerfile ?? 'Dockerfile'))).toBe(true);
      const entry = service.command?.find((arg) => arg.endsWith('.ts'));
      expect([entry, entry && existsSync(join(PROJECT_ROOT, entry))]).toEqual([entry, true]);
    }
    for (const [, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('.')) expect([source, existsSync(join(PROJECT_ROOT, source))]).toEqual([source, true]);
      }
    }
    for (const [, source] of dockerfile.matchAll(/^COPY (?!--from)(?:--\S+ )*(\S+)/gm)) {
      for (const file of source!.split(' ')) expect([file, existsSync(join(PROJECT_ROOT, file))]).toEqual([file, true]);
    }
  });
});

describe('Dockerfile', () => {
  it('is multi-stage, production dependencies only, bundled ahead, non-root', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/npm run build:workflows/);
    expect(dockerfile).toMatch(/^USER node$/m);
    for (const dir of ['domain', 'workflows', 'codec', 'activities', 'workers', 'api', 'config', 'ops', 'scripts']) expect(dockerfile).toContain(`COPY ${dir} ./${dir}`);
    // the API's PDFs: Chromium and the fonts it prints Chinese in (README: PDF and print page)
    expect(dockerfile).toMatch(/apt-get install -y --no-install-recommends chromium fonts-noto-cjk/);
  });
});
