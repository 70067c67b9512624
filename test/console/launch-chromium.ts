import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's chromium; the console's end-to-end runs use it instead of a browser build fetched at run time. */
export const chromiumPath = '/usr/bin/chromium';

/** Flags that keep a headless run quiet, offline apart from what the test opens, and free of a sandbox it cannot have. */
export const chromiumArgs: readonly string[] = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);

/** A running chromium and a fresh context to open console pages in; `close()` ends the browser. */
export interface LaunchedChromium {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Starts Debian's chromium headless. Each `chromium.launch` runs on a new, empty user-data directory that
 * Playwright creates under the system temp directory and deletes on close (Playwright refuses a
 * `--user-data-dir` flag here), so no sessionStorage, cookie or cached console build leaks between runs.
 */
export async function launchChromium(): Promise<LaunchedChromium> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    return { browser, context, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
