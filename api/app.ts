// The express app, built from its dependencies so tests run it against their own Temporal dev
// server on a real port, exactly as main.ts runs it.
import express, { type Express } from 'express';
import helmet from 'helmet';
import { requireUser } from './auth/middleware';
import { bodyDepthLimit } from './body-depth';
import type { AppDeps } from './deps';
import { errorHandler, HttpError } from './errors';
import { metricsRoutes } from './metrics';
import { assessmentRoutes } from './routes/assessment';
import { authRoutes } from './routes/auth';
import { codecRoutes } from './routes/codec';
import { decisionRoutes } from './routes/decisions';
import { documentRoutes } from './routes/documents';
import { evidenceRoutes } from './routes/evidence';
import { healthRoutes } from './routes/health';
import { incidentRoutes } from './routes/incidents';
import { intakeRoutes } from './routes/intake';
import { metaRoutes } from './routes/meta';
import { pageRoutes } from './routes/pages';
import { reportRoutes } from './routes/reports';
import { rosterRoutes } from './routes/roster';
import { taskRoutes } from './routes/tasks';
import { userRoutes } from './routes/users';

export function createApp(deps: AppDeps): Express {
  const app = express();
  const auth = requireUser(deps);

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          // blob: the evidence thumbnails, fetched through the API so a hash mismatch can be shown
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
          // over plain http on 127.0.0.1 an upgrade would break every request
          'upgrade-insecure-requests': deps.secureCookies ? [] : null,
        },
      },
      strictTransportSecurity: deps.secureCookies ?? false,
    }),
  );
  // before the app's body parser: a history's payloads exceed its limit (the route parses its own)
  app.use(codecRoutes(deps));
  app.use(express.json({ limit: deps.bodyLimit ?? '100kb' }));
  app.use(bodyDepthLimit());

  app.use(metricsRoutes());
  app.use(healthRoutes(deps));
  app.use(authRoutes(deps, auth));
  app.use(metaRoutes(deps, auth));
  app.use(incidentRoutes(deps, auth));
  app.use(intakeRoutes(deps, auth));
  app.use(decisionRoutes(deps, auth));
  app.use(documentRoutes(deps, auth));
  app.use(evidenceRoutes(deps, auth));
  app.use(reportRoutes(deps, auth));
  app.use(assessmentRoutes(deps, auth));
  app.use(taskRoutes(deps, auth));
  app.use(userRoutes(deps, auth));
  app.use(rosterRoutes(deps, auth));
  app.use(pageRoutes());

  app.use('/api', () => {
    throw new HttpError(404, 'not-found', 'no such endpoint');
  });
  app.use(errorHandler(deps.log ?? ((line) => console.error(line))));
  return app;
}
