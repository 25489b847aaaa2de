// The web pages are static files: they hold no data, so they are served without sign-in and each
// fetches what the signed-in user may see from the JSON API.
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

const STATIC_DIR = fileURLToPath(new URL('../static/', import.meta.url));

const PAGES: Record<string, string> = {
  '/': 'list.html',
  '/login': 'login.html',
  '/incidents/new': 'new.html',
  '/tasks': 'tasks.html',
  '/assessment': 'assessment.html',
  '/admin/users': 'users.html',
  '/roster': 'roster.html',
  '/incidents/:id': 'incident.html',
};

export function pageRoutes(): Router {
  const router = Router();
  for (const [path, file] of Object.entries(PAGES)) {
    router.get(path, (_req, res) => {
      res.sendFile(file, { root: STATIC_DIR });
    });
  }
  // browsers ask for it on every page; an empty answer keeps the console free of 404s
  router.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  router.use('/static', express.static(STATIC_DIR, { index: false }));
  return router;
}
