import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** Where the console's end-to-end screenshots go: `test-output/console/` under the project root (git-ignored). */
export const screenshotDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-output/console');

/** Saves a full-page PNG of `page` as `test-output/console/<name>.png` and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`Screenshot name "${name}" must be kebab-case letters and digits.`);
  await mkdir(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
