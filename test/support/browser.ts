/**
 * The browser every browser test drives: Chromium or Chrome, found from CHROMIUM_PATH / CHROME_PATH
 * or the places Linux packages and macOS installers put it. playwright-core brings no browser of
 * its own, so a machine without one gets a message saying what to install or set.
 */
import { accessSync, constants } from 'node:fs';
import { type Browser, chromium, type LaunchOptions } from 'playwright-core';

/** Where browsers are installed, per platform, in the order they are tried. */
export const browserLocations: Readonly<Record<string, readonly string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
};

/** Headless flags that keep the browser off the network and away from the GPU (CI containers have neither). */
export const browserArgs: readonly string[] = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What {@link findBrowser} looks at; a test passes its own. */
export interface BrowserSearch {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly executable: (path: string) => boolean;
}

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The browser's executable: CHROMIUM_PATH, then CHROME_PATH (either must then exist: a variable
 * pointing nowhere is a mistake, not a reason to pick another browser), then the usual places.
 *
 * @throws Error saying what was tried and what to install or set.
 * @example
 * const path = findBrowser(); // '/usr/bin/chromium' on Debian with the chromium package
 */
export function findBrowser(
  search: BrowserSearch = { env: process.env, platform: process.platform, executable: isExecutable },
): string {
  for (const name of ['CHROMIUM_PATH', 'CHROME_PATH'] as const) {
    const given = search.env[name];
    if (!given) continue;
    if (search.executable(given)) return given;
    throw new Error(`${name} is ${JSON.stringify(given)}, which is not an executable file: fix or unset it.`);
  }
  const places = browserLocations[search.platform] ?? [];
  const found = places.find((p) => search.executable(p));
  if (found) return found;
  const install =
    search.platform === 'darwin'
      ? 'install Google Chrome (or Chromium) in /Applications'
      : 'install Chromium (Debian/Ubuntu: apt-get install chromium) or Google Chrome';
  throw new Error(
    `The browser tests need Chromium or Chrome and found none (looked in CHROMIUM_PATH, CHROME_PATH${places.length > 0 ? `, ${places.join(', ')}` : ''}): ${install}, or set CHROMIUM_PATH to the browser's executable.`,
  );
}

/**
 * Launches the browser headless, with {@link browserArgs}.
 *
 * @example
 * const browser = await launchBrowser({ timeout: 30_000 });
 * const page = await browser.newPage();
 */
export function launchBrowser(options: Omit<LaunchOptions, 'executablePath' | 'args'> = {}): Promise<Browser> {
  return chromium.launch({ ...options, executablePath: findBrowser(), args: [...browserArgs] });
}
