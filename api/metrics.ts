// Prometheus metrics of the API on GET /metrics: requests by route and status, their latencies, and
// the Node.js process metrics. The route label is the route's pattern (/api/incidents/:id), never
// the raw path, so one label value per endpoint whatever ids people open. Each app has its own
// registry, so tests can build several apps in one process.
import { Router } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export function metricsRoutes(): Router {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'yuqing_http_requests_total', help: 'HTTP requests answered', labelNames, registers: [registry] });
  const latency = new Histogram({
    name: 'yuqing_http_request_duration_seconds',
    help: 'time from request to the end of the response',
    labelNames,
    // most answers are a Temporal query away: tens of milliseconds; 503s wait for a timeout
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const router = Router();
  router.use((req, res, next) => {
    const stop = latency.startTimer();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      requests.inc(labels);
      stop(labels);
    });
    next();
  });
  router.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
