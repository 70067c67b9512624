import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedChromium } from './launch-chromium.ts';
import { saveScreenshot } from './screenshot.ts';
import { apiGet, CLI, eventually, OPERATOR_PASSWORD, parley, serveNode, setUpTwoNodes, stopNode, type TestNode } from './two-nodes.ts';

/**
 * Issue 6 acceptance: a notification from A arrives at B; B's duty officer signs in to B's console in Debian's
 * chromium, sees the countdown, acknowledges and responds; A's console shows the answer. Every page is
 * photographed to test-output/console/.
 */
let a: TestNode;
let b: TestNode;
let cleanup = () => {};
let browser: LaunchedChromium;
let threadId: string;

beforeAll(async () => {
  if (!existsSync('web/dist/index.html')) {
    const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', 'web'], { encoding: 'utf8', timeout: 120_000 });
    if (build.status !== 0) throw new Error(`vite build web failed: ${build.stderr}`);
  }
  const nodes = await setUpTwoNodes();
  ({ a, b, cleanup } = nodes);
  await serveNode(a, nodes.ports[0]);
  await serveNode(b, nodes.ports[1]);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (a) await stopNode(a);
  if (b) await stopNode(b);
  cleanup();
});

async function signIn(node: TestNode, user: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${node.url}/`);
  await page.getByLabel('Operator name').fill(user);
  await page.getByLabel('Password').fill(OPERATOR_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
  return page;
}

describe('console end to end (two nodes)', () => {
  it('delivers a notification from A to B', async () => {
    parley(a.dir, CLI.sendNotification(b.party.id));
    const threads = await eventually('the notification at B', async () => {
      const list = await apiGet<{ thread_id: string; subject: string }[]>(b, '/threads');
      return list.find((t) => t.subject === 'Ransomware at a regional hospital') ? list : undefined;
    });
    threadId = threads[0].thread_id;
  });

  it('B\'s officer signs in, sees the countdown, acknowledges and responds', async () => {
    const signInPage = await browser.context.newPage();
    await signInPage.goto(`${b.url}/`);
    await signInPage.getByRole('button', { name: 'Sign in' }).waitFor();
    await saveScreenshot(signInPage, 'sign-in');
    await signInPage.close();

    const page = await signIn(b, 'officer');
    const row = page.getByRole('row').filter({ hasText: 'Ransomware at a regional hospital' });
    await expect(row.locator('.countdown time').textContent()).resolves.toMatch(/\d{2}:\d{2}/);
    const first = await row.locator('.countdown time').textContent();
    await page.waitForTimeout(1500);
    expect(await row.locator('.countdown time').textContent()).not.toBe(first);
    await saveScreenshot(page, 'inbox');

    await row.getByRole('link', { name: 'Ransomware at a regional hospital' }).click();
    await page.getByText('✔ signature verified').first().waitFor();
    await saveScreenshot(page, 'thread');

    await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await page.getByRole('button', { name: 'Send acknowledge' }).click();
    await eventually('the acknowledgement at B', async () => {
      const detail = await apiGet<{ messages: { message: { kind: string } }[] }>(b, `/threads/${threadId}`);
      return detail.messages.some((m) => m.message.kind === 'acknowledgement') ? true : undefined;
    });

    await page.getByRole('button', { name: 'Respond', exact: true }).click();
    await page.getByLabel('Findings').fill('The ransomware reached us through a shared VPN appliance.');
    await page.getByLabel('Message', { exact: true }).fill('Appliance isolated; indicators shared with the hospital.');
    await page.getByRole('button', { name: 'Send respond' }).click();
    await page.getByText('The ransomware reached us through a shared VPN appliance.').first().waitFor();
    await saveScreenshot(page, 'thread-answered');

    for (const [hash, name] of [['#/compose', 'compose'], ['#/directory', 'directory'], ['#/agreements', 'agreements']] as const) {
      await page.goto(`${b.url}/${hash}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await saveScreenshot(page, name);
    }
    await page.close();

    const supervisor = await signIn(b, 'supervisor');
    await supervisor.goto(`${b.url}/#/review`);
    await supervisor.getByRole('heading', { level: 1 }).waitFor();
    await supervisor.waitForLoadState('networkidle');
    await saveScreenshot(supervisor, 'review');
    await supervisor.close();
  });

  it('A\'s console shows B\'s answer', async () => {
    await eventually('the response at A', async () => {
      const detail = await apiGet<{ messages: { direction: string; message: { kind: string } }[] }>(a, `/threads/${threadId}`);
      return detail.messages.some((m) => m.direction === 'received' && m.message.kind === 'response') ? true : undefined;
    }, 30_000);
    const page = await signIn(a, 'officer');
    await page.goto(`${a.url}/#/thread/${threadId}`);
    await page.getByText('The ransomware reached us through a shared VPN appliance.').first().waitFor();
    expect(await page.getByText('✘ signature NOT verified').count()).toBe(0);
    await saveScreenshot(page, 'a-thread-answer');
    await page.close();
  });
});
