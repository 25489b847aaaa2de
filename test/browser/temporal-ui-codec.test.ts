// The Temporal UI reading an encrypted incident through the API's codec endpoint, served as
// `npm start` serves it: the standalone UI server in front of a headless dev server, configured to
// call the codec endpoint with the browser's cookies. The browser is the user's own and nothing is
// set in the UI by hand. Until the person is signed in to Yuqing the endpoint refuses, and the UI
// shows ciphertext; once signed in, the session cookie (same site: 127.0.0.1, another port)
// authenticates the UI's calls and the history reads in clear. Screenshots:
// test/artifacts/temporal-ui-encrypted.png and test/artifacts/temporal-ui-decoded.png.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncryptionCodec } from '../../codec/encryption';
import { codecUiBinary, startCodecUi } from '../../scripts/codec-ui';
import { stopUiServer, waitForUi } from '../../scripts/cluster/ui-server';
import type { Child } from '../../scripts/processes';
import type { IncidentState } from '../../domain/model/state';
import { asToken, eventually, incidentBody, password } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';
import { freePort } from '../helpers/ports';
import { launchChromium, screenshot } from './chromium';

const TITLE = '网传某校食堂饭菜变质（加密示范）';
/** base64 of "binary/encrypted": how the UI shows an encoding it could not decode */
const ENCRYPTED = Buffer.from('binary/encrypted').toString('base64');

let app: LiveApp;
let browser: Browser;
let uiUrl: string;
let ui: Child | undefined;

beforeAll(async () => {
  const [uiPort, apiPort] = await Promise.all([freePort(), freePort()]);
  uiUrl = `http://127.0.0.1:${uiPort}`;
  [app, browser] = await Promise.all([
    startLiveApp({
      codec: new EncryptionCodec([{ keyId: 'test-payload-1', key: randomBytes(32) }]),
      port: apiPort,
      deps: { temporalUiUrl: uiUrl },
    }),
    launchChromium(),
  ]);
  const binary = await codecUiBinary(process.env, (line) => console.log(line));
  if (!binary) throw new Error('this test needs the standalone Temporal UI server (see the line above)');
  ui = startCodecUi({
    binary,
    projectRoot: join(import.meta.dirname, '../..'),
    temporalAddress: app.env.address,
    namespace: app.env.namespace ?? 'default',
    port: uiPort,
    codecEndpoint: `${app.baseUrl}/codec`,
  });
  await waitForUi(ui, uiUrl);
});
afterAll(async () => {
  await browser?.close();
  if (ui) await stopUiServer(ui);
  await app?.teardown();
});

const inputPanel = (page: Page) => page.locator('body').innerText();

describe('the Temporal UI with the codec endpoint', () => {
  it('shows ciphertext to someone not signed in to Yuqing, and the decoded history once they are', async () => {
    const res = await asToken(app.baseUrl, 'monitor')('POST', '/api/incidents', incidentBody({ title: TITLE }));
    expect(res.status).toBe(201);
    const id: string = res.body.workflowId;
    await eventually(async () => ((await asToken(app.baseUrl, 'monitor')('GET', `/api/incidents/${id}`)).body.state as IncidentState).documents.length > 0);

    const context = await browser.newContext({ viewport: { width: 1440, height: 1100 }, locale: 'zh-TW' });
    const page = await context.newPage();
    const codecAnswers: number[] = [];
    page.on('response', (r) => r.url().startsWith(`${app.baseUrl}/codec/`) && codecAnswers.push(r.status()));
    const historyPage = `${uiUrl}/namespaces/default/workflows/${encodeURIComponent(id)}`;

    await page.goto(historyPage);
    await expect.poll(() => inputPanel(page), { timeout: 30_000 }).toContain(ENCRYPTED);
    await page.locator('#content').getByText('Codec Server could not connect').waitFor();
    expect(await inputPanel(page)).not.toContain(TITLE);
    expect(codecAnswers.length).toBeGreaterThan(0);
    expect(new Set(codecAnswers)).toEqual(new Set([401]));
    await screenshot(page, 'temporal-ui-encrypted');

    // signing in to Yuqing in the same browser sets the session cookie for 127.0.0.1
    await page.goto(`${app.baseUrl}/login`);
    await page.fill('input[name=name]', 'approver');
    await page.fill('input[name=password]', password('approver'));
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    codecAnswers.length = 0;
    await page.goto(historyPage);
    await expect.poll(() => inputPanel(page), { timeout: 30_000 }).toContain(`"title": "${TITLE}"`);
    // activity and timer summaries are payloads too, encrypted by the worker
    await page.getByText('renderDocument • 生成《舆情专报》').first().waitFor();
    expect(await inputPanel(page)).not.toContain('Codec Server could not connect');
    expect(new Set(codecAnswers)).toEqual(new Set([200]));
    const path = await screenshot(page, 'temporal-ui-decoded');
    console.log(`Temporal UI screenshot (decoded through the codec endpoint): ${path}`);
    await context.close();
  });
});
