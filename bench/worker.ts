// The benchmarks' worker process: the real activities and the bench bundle (bench/workflows.ts),
// with every option that sizes it set explicitly from BENCH_WORKER (JSON), so results say what
// they were measured with. Answers {type:'memory'} over IPC with its memory after a full GC.
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { NativeConnection, Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { loadActivityConfig } from '../config/channels';
import { loadDataConverter } from '../codec/key-ring';
import { loadEnv } from '../config/env';
import { ensureWorkflowBundle, PROJECT_ROOT } from '../workers/bundle';
import type { BaselineActivities } from './workflows';

export interface BenchWorkerSettings {
  address: string;
  taskQueue: string;
  /** project-relative bundle entry: the workflows this worker runs, and nothing else */
  workflows: string;
  /** modules loaded once per V8 context instead of once per workflow (absolute paths); by default those of workers/bundle.ts */
  preloadModules?: string[];
  maxCachedWorkflows: number;
  maxConcurrentWorkflowTaskExecutions: number;
  maxConcurrentActivityTaskExecutions: number;
}

export interface MemoryAnswer {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** The SDK's own default cache size for this process's heap limit (worker-options.ts, reuseV8Context). */
export function sdkDefaultCacheSize(heapLimitBytes = getHeapStatistics().heap_size_limit): number {
  return Math.max(Math.floor((Math.max(heapLimitBytes / 2 ** 20 - 200, 0) * 600) / 1024), 10);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const settings = JSON.parse(process.env.BENCH_WORKER ?? '') as BenchWorkerSettings;
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  const config = loadActivityConfig(loadEnv(), process.env);
  const baseline: BaselineActivities = { noop: async () => {} };
  const bundle = await ensureWorkflowBundle({ workflowsPath: join(PROJECT_ROOT, settings.workflows), preloadModules: settings.preloadModules });
  const connection = await NativeConnection.connect({ address: settings.address });
  const worker = await Worker.create({
    connection,
    taskQueue: settings.taskQueue,
    workflowBundle: { codePath: bundle.codePath },
    dataConverter: loadDataConverter(config.dataDir, process.env, { worker: true }),
    activities: { ...createActivities(config), ...baseline },
    maxCachedWorkflows: settings.maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: settings.maxConcurrentWorkflowTaskExecutions,
    maxConcurrentActivityTaskExecutions: settings.maxConcurrentActivityTaskExecutions,
  });
  const running = worker.run();
  process.on('message', async (message: { type: string; id: number }) => {
    if (message.type !== 'memory') return;
    // twice, with a pause: the workflow threads free their contexts asynchronously
    for (let i = 0; i < 2; i++) {
      globalThis.gc?.();
      await sleep(200);
    }
    const m = process.memoryUsage();
    process.send?.({ id: message.id, rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers } satisfies MemoryAnswer & { id: number });
  });
  const o = worker.options;
  process.send?.({
    type: 'ready',
    options: {
      ...settings,
      preloadModules: bundle.preloadModules,
      payloadEncryption: !!o.dataConverter?.payloadCodecs?.length,
      reuseV8Context: o.reuseV8Context,
      workflowThreadPoolSize: o.workflowThreadPoolSize,
      stickyQueueScheduleToStartTimeoutMs: o.stickyQueueScheduleToStartTimeoutMs,
      heapSizeLimitMiB: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20),
      sdkDefaultMaxCachedWorkflows: sdkDefaultCacheSize(),
    },
  });
  // the IPC channel answers requests but must not keep a stopped worker alive
  process.channel?.unref();
  process.on('disconnect', () => worker.shutdown());
  process.on('SIGTERM', () => worker.shutdown());
  await running;
  await connection.close();
}
