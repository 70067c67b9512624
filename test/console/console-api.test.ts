import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_DIST } from '../../src/api/console-static.ts';
import { PASSWORD, startApiFixture, type ApiFixture } from '../api/api-fixture.ts';
import { ensureConsoleBuilt } from './console-build.ts';
import { launchChromium, type LaunchedChromium } from './launch-chromium.ts';
import { saveScreenshot } from './screenshot.ts';

/**
 * The built console against this API on one in-process node (real stores, log and signed messages): every page
 * the read side serves renders without an error notice. The two-node acceptance run is console-e2e.
 */
let fx: ApiFixture;
let browser: LaunchedChromium;

beforeAll(async () => {
  await ensureConsoleBuilt();
  fx = await startApiFixture(CONSOLE_DIST);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fx?.close();
});

async function signIn(user: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${fx.url}/`);
  await page.getByLabel('Operator name').fill(user);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
  return page;
}

async function noErrorNotice(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  expect(await page.locator('[role="alert"], .error-notice').allTextContents()).toEqual([]);
}

describe('console over the /api/ (one node)', () => {
  it('shows the inbox in urgency order with live countdowns, and a thread with verified signature and receipt', async () => {
    const page = await signIn('officer');
    const rows = page.locator('table.inbox tbody tr');
    // The heading renders before the inbox's rows arrive: wait for them, then count (a count does not wait).
    await rows.nth(4).waitFor();
    await expect(rows.count()).resolves.toBe(5);
    expect(await rows.nth(1).textContent()).toContain('Ransomware at a regional hospital');
    expect(await rows.nth(1).getAttribute('class')).toBe('row-overdue');
    await saveScreenshot(page, 'api-inbox');
    await rows.nth(1).getByRole('link').click();
    await page.getByText('✔ signature verified').first().waitFor();
    await page.getByText('✔ inclusion verified').first().waitFor();
    expect(await page.getByText('Ransomware C2 server').count()).toBeGreaterThan(0);
    await noErrorNotice(page);
    await saveScreenshot(page, 'api-thread');
    await page.goto(`${fx.url}/#/thread/${fx.threads.forged.id}`);
    await page.getByText('✘ signature NOT verified').first().waitFor();
    await page.close();
  });

  it('renders compose, directory and agreements for an officer and review for a supervisor without errors', async () => {
    const page = await signIn('officer');
    for (const hash of ['#/compose', '#/directory', '#/agreements']) {
      await page.goto(`${fx.url}/${hash}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await noErrorNotice(page);
      // The fixture has no dormant counterpart under the federation's rule (C was never pinged): the directory lists both.
      // The list is fetched after the heading renders: wait for the row (bounded) rather than count at once.
      if (hash === '#/directory') await page.getByText('CERT-C').first().waitFor({ timeout: 10_000 });
      await saveScreenshot(page, `api-${hash.slice(2)}`);
    }
    await page.close();
    const supervisor = await signIn('supervisor');
    await supervisor.goto(`${fx.url}/#/review`);
    await supervisor.getByRole('heading', { level: 1 }).waitFor();
    await supervisor.getByRole('button', { name: 'Show' }).click().catch(() => undefined);
    await noErrorNotice(supervisor);
    await saveScreenshot(supervisor, 'api-review');
    await supervisor.close();
  });
});
