// After sign-in the login page follows ?next= only to a path on our own origin: values that a
// browser reads as another host (a tab or newline dropped by the URL parser, a backslash taken for a
// slash, a scheme) land on our front page instead, and an ordinary path still works.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { password } from '../api/harness';
import { useAppAndBrowser } from '../browser/chromium';

const live = useAppAndBrowser();

/** Signs in on /login?next=<raw> and answers where the browser went (nothing is loaded off-site). */
async function signInWithNext(rawNext: string): Promise<URL> {
  const context = await live.browser().newContext({ locale: 'zh-TW' });
  try {
    const page: Page = await context.newPage();
    const ours = new URL(live.app().baseUrl).host;
    // a redirect off-site is caught at the request and never leaves the machine
    await page.route('**/*', (route) => (new URL(route.request().url()).host === ours ? route.continue() : route.fulfill({ status: 200, contentType: 'text/html', body: '<p>off-site</p>' })));
    await page.goto(`${live.app().baseUrl}/login?next=${rawNext}`);
    await page.fill('input[name=name]', 'monitor');
    await page.fill('input[name=password]', password('monitor'));
    const left = page.waitForURL((url) => url.pathname !== '/login');
    await page.click('button[type=submit]');
    await left;
    return new URL(page.url());
  } finally {
    await context.close();
  }
}

it.each([
  '/%09/evil.example/',
  '/%0A/evil.example/',
  '/%0D%0A/evil.example/',
  '%09//evil.example/',
  '//evil.example/',
  '/%5Cevil.example/',
  '%5C%5Cevil.example/',
  '/%20/evil.example/',
  'https://evil.example/',
  'javascript:alert(1)',
  '/%2F/evil.example/',
])('next=%s lands on our own origin', async (rawNext) => {
  const landed = await signInWithNext(rawNext);
  expect(landed.origin).toBe(live.app().baseUrl);
  expect(landed.pathname).toBe('/');
});

it('an ordinary next (/incidents/x) still works', async () => {
  const landed = await signInWithNext(encodeURIComponent('/incidents/x?tab=1'));
  expect(landed.origin).toBe(live.app().baseUrl);
  expect(landed.pathname + landed.search).toBe('/incidents/x?tab=1');
});
