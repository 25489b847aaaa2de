// What the test setup does about Chromium and the CJK fonts: nothing when both are there, install
// what is missing only as root with apt-get, and otherwise stop with one message naming the command.
import { describe, expect, it } from 'vitest';
import { browserPlan, DEFAULT_CHROMIUM, type Found } from '../helpers/browser-prerequisites';

const all: Found = { chromiumPath: DEFAULT_CHROMIUM, customPath: false, chromium: true, cjkFonts: true, poppler: true, office: true, root: true, aptGet: true };

describe('browserPlan', () => {
  it('does nothing when Chromium and the fonts are there, root or not', () => {
    expect(browserPlan(all)).toEqual({ action: 'ready' });
    expect(browserPlan({ ...all, root: false, aptGet: false })).toEqual({ action: 'ready' });
  });

  it('installs only what is missing, as root with apt-get', () => {
    expect(browserPlan({ ...all, chromium: false, cjkFonts: false })).toEqual({ action: 'install', packages: ['chromium', 'fonts-noto-cjk'] });
    expect(browserPlan({ ...all, chromium: false })).toEqual({ action: 'install', packages: ['chromium'] });
    expect(browserPlan({ ...all, cjkFonts: false })).toEqual({ action: 'install', packages: ['fonts-noto-cjk'] });
    expect(browserPlan({ ...all, poppler: false, office: false })).toEqual({ action: 'install', packages: ['poppler-utils', 'libreoffice-writer-nogui'] });
  });

  it.each([
    ['not root', { root: false }],
    ['no apt-get', { aptGet: false }],
  ])('stops with the command to run when %s', (_why, lacks) => {
    const plan = browserPlan({ ...all, chromium: false, cjkFonts: false, ...lacks });
    expect(plan).toEqual({ action: 'stop', message: expect.stringContaining('sudo apt-get install -y chromium fonts-noto-cjk') });
  });

  it('names only the missing package in the command', () => {
    const plan = browserPlan({ ...all, cjkFonts: false, root: false });
    expect(plan.action === 'stop' && plan.message).toMatch(/install -y fonts-noto-cjk`/);
  });

  it('does not install Debian Chromium over a CHROMIUM_PATH that points at nothing: it says so', () => {
    const plan = browserPlan({ ...all, chromiumPath: '/opt/chrome/chrome', customPath: true, chromium: false });
    expect(plan).toEqual({ action: 'stop', message: expect.stringContaining('CHROMIUM_PATH=/opt/chrome/chrome') });
  });
});
