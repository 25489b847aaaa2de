// The worker's Temporal Runtime telemetry: the SDK core's own log lines forwarded into our logger
// (so every line of the worker is one JSON format), and, when YUQING_WORKER_METRICS_ADDRESS is set,
// the SDK's Prometheus metrics (task latencies, slots, sticky cache, polls) served on /metrics there.
import type { LogLevel } from '@temporalio/common';
import type { RuntimeOptions } from '@temporalio/worker';
import { z } from 'zod';
import { parseSettings } from '../config/env';
import type { AppLogger } from './logger';

const TelemetryEnv = z.object({
  /** each worker process needs its own, e.g. 127.0.0.1:9464, 127.0.0.1:9465 … */
  YUQING_WORKER_METRICS_ADDRESS: z.string().regex(/^[^\s]+:\d{1,5}$/, 'must be host:port, e.g. 0.0.0.0:9464').optional(),
});

export function workerTelemetry(logger: AppLogger, level: LogLevel, source: NodeJS.ProcessEnv = process.env): Pick<RuntimeOptions, 'logger' | 'telemetryOptions'> {
  const bindAddress = parseSettings(TelemetryEnv, source).YUQING_WORKER_METRICS_ADDRESS;
  return {
    logger,
    telemetryOptions: {
      logging: { filter: { core: level, other: 'ERROR' }, forward: {} },
      // seconds and the _total suffix: the Prometheus conventions dashboards expect
      ...(bindAddress ? { metrics: { prometheus: { bindAddress, countersTotalSuffix: true, useSecondsForDurations: true } } } : {}),
    },
  };
}
