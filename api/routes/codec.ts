// The Temporal UI's codec server: the UI posts the payloads of a history to /codec/decode and shows
// what comes back, so a signed-in person reads the incident in clear while the database, and anyone
// the API does not know, sees ciphertext. It uses exactly the client's codecs (identity when
// YUQING_ENCRYPTION=off), so the UI decodes with the keys the API encrypts with.
//
// The UI runs on another origin (TEMPORAL_UI_URL, 127.0.0.1:8233 embedded): CORS admits that origin
// alone, with credentials, so the session cookie of the same site (SameSite=Strict still sends it
// to a same-site origin on another port) or a Bearer token authenticates the call. No CSRF token is
// asked for: both endpoints only transform what they are sent, and CORS keeps other origins from
// reading the answer.
import express, { Router } from 'express';
import type { Payload } from '@temporalio/common';
import { z } from 'zod';
import { identify } from '../auth/middleware';
import type { AppDeps } from '../deps';
import { HttpError, parse } from '../errors';

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

/**
 * The protobuf JSON form the UI and the Temporal CLI send: metadata values and data as base64, and
 * empty fields left out (the CLI sends `{}` for a query without arguments).
 */
const CodecBody = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), Base64).nullish(), data: Base64.nullish() })).max(1000).default([]),
});
type JsonPayload = z.infer<typeof CodecBody>['payloads'][number];

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});

const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/** What the UI sends: X-Namespace always, Authorization when it passes its own access token. */
const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Namespace';

export function codecRoutes(deps: AppDeps): Router {
  const router = Router();
  const uiOrigin = new URL(deps.temporalUiUrl).origin;
  const codecs = deps.client.options.loadedDataConverter.payloadCodecs;

  router.use('/codec', (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('origin');
    if (origin === uiOrigin) res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' });
    if (req.method !== 'OPTIONS') return next();
    if (origin !== uiOrigin) throw new HttpError(403, 'forbidden', `only ${uiOrigin} may call the codec endpoints from a browser`);
    res.set({ 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': ALLOWED_HEADERS, 'Access-Control-Max-Age': '600' });
    res.status(204).end();
  });

  // a history's payloads can be far larger than a form's body
  const json = express.json({ limit: '8mb' });
  for (const op of ['encode', 'decode'] as const) {
    router.post(`/codec/${op}`, json, async (req, res) => {
      if (!identify(req, deps)) throw new HttpError(401, 'unauthenticated', 'sign in to Yuqing (same browser) or send a Bearer token');
      let payloads = parse(CodecBody, req.body, 'payloads', req).payloads.map(fromJson);
      try {
        if (op === 'encode') for (const codec of codecs) payloads = await codec.encode(payloads);
        else for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
      } catch (error) {
        throw new HttpError(400, 'invalid', `cannot ${op}: ${error instanceof Error ? error.message : String(error)}`);
      }
      res.json({ payloads: payloads.map(toJson) });
    });
  }
  return router;
}
