// The browser tests drive Debian's Chromium and read Chinese pages, so they need the chromium and
// fonts-noto-cjk packages; the document tests read PDFs with poppler (poppler-utils) and open the
// Word files in LibreOffice (libreoffice-writer-nogui). On a bare machine the global setup installs them when it can (as root,
// with apt-get) and otherwise stops the run at once with the one command to run, instead of every
// browser test file failing on "executable doesn't exist" or screenshots full of empty boxes.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const PACKAGES = { chromium: 'chromium', cjkFonts: 'fonts-noto-cjk', poppler: 'poppler-utils', office: 'libreoffice-writer-nogui' } as const;
const ALL_PACKAGES = Object.values(PACKAGES).join(' ');
const NOTO_CJK_DIR = '/usr/share/fonts/opentype/noto';

export interface Found {
  /** CHROMIUM_PATH when set, else /usr/bin/chromium */
  chromiumPath: string;
  /** the path came from CHROMIUM_PATH: installing Debian's package would not put anything there */
  customPath: boolean;
  chromium: boolean;
  cjkFonts: boolean;
  /** pdfinfo, pdftotext, pdftoppm */
  poppler: boolean;
  /** soffice, to open the Word files */
  office: boolean;
  root: boolean;
  aptGet: boolean;
}

export type Plan = { action: 'ready' } | { action: 'install'; packages: string[] } | { action: 'stop'; message: string };

/** What the setup does about what it found: nothing, install the missing packages, or stop with one message. */
export function browserPlan(found: Found): Plan {
  const missing = (Object.keys(PACKAGES) as (keyof typeof PACKAGES)[]).filter((tool) => !found[tool]).map((tool) => PACKAGES[tool]);
  if (missing.length === 0) return { action: 'ready' };
  if (!found.chromium && found.customPath) {
    return { action: 'stop', message: `CHROMIUM_PATH=${found.chromiumPath} is not an executable: point it at Chromium, or unset it and run \`sudo apt-get install ${ALL_PACKAGES}\`` };
  }
  if (found.root && found.aptGet) return { action: 'install', packages: missing };
  return { action: 'stop', message: `the browser tests need ${missing.join(' and ')}: run \`sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\`, then npm test again` };
}

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function hasCjkFonts(): boolean {
  const fcList = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (fcList.status === 0) return fcList.stdout.trim().length > 0;
  // no fontconfig tools: the package's own folder
  return existsSync(`${NOTO_CJK_DIR}/NotoSansCJK-Regular.ttc`);
}

export function findBrowserPrerequisites(env: NodeJS.ProcessEnv = process.env): Found {
  const chromiumPath = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  return {
    chromiumPath,
    customPath: !!env.CHROMIUM_PATH,
    chromium: executable(chromiumPath),
    cjkFonts: hasCjkFonts(),
    poppler: executable('/usr/bin/pdftoppm'),
    office: executable('/usr/bin/soffice'),
    root: process.getuid?.() === 0,
    aptGet: executable('/usr/bin/apt-get'),
  };
}

export class MissingBrowserError extends Error {}

export function ensureBrowserPrerequisites(log: (line: string) => void): void {
  const plan = browserPlan(findBrowserPrerequisites());
  if (plan.action === 'ready') return;
  if (plan.action === 'stop') throw new MissingBrowserError(plan.message);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`browser and document tests: installing ${plan.packages.join(' ')} (apt-get update, then install; a few minutes on a bare machine)`);
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', ...plan.packages], { stdio: 'inherit', env });
  const after = browserPlan(findBrowserPrerequisites());
  if (after.action !== 'ready') throw new MissingBrowserError(`installing ${plan.packages.join(' ')} did not provide them; install them by hand: \`apt-get install -y ${ALL_PACKAGES}\``);
  log(`browser and document tests: ${plan.packages.join(' ')} installed`);
}
