import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuilt } from './console-build.ts';
import { launchChromium, type LaunchedChromium } from './launch-chromium.ts';
import { saveScreenshot } from './screenshot.ts';
import { apiGet, CLI, eventually, incidentBundle, OPERATOR_PASSWORD, parley, setUpTwoNodes, SUBJECT, type TestNode } from './two-nodes.ts';

/**
 * Issue 6 acceptance: a notification from A arrives at B; B's duty officer signs in to B's console in Debian's
 * chromium, sees the countdown, acknowledges and responds; A's console shows the answer. Every page is
 * photographed to test-output/console/.
 */
let a: TestNode;
let b: TestNode;
let root: string;
let cleanup = async () => {};
let browser: LaunchedChromium | undefined;
let threadId: string;
const FINDINGS = 'The ransomware reached us through a shared VPN appliance.';

beforeAll(async () => {
  // Built first: the nodes serve web/dist.
  await ensureConsoleBuilt();
  const [nodes, launched] = await Promise.all([setUpTwoNodes(), launchChromium()]);
  ({ a, b, root, cleanup } = nodes);
  browser = launched;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await cleanup();
});

async function signIn(node: TestNode, user: string): Promise<Page> {
  const page = await browser!.context.newPage();
  await page.goto(`${node.url}/`);
  await page.getByLabel('Operator name').fill(user);
  await page.getByLabel('Password').fill(OPERATOR_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
  return page;
}

interface ThreadDetail { messages: { direction: string; signature_verified: boolean; receipt: { inclusion_verified: boolean } | null; message: { kind: string } }[] }

describe('console end to end (two nodes)', { timeout: 180_000 }, () => {
  it('delivers a notification from A to B', async () => {
    const id = (await parley(a.dir, CLI.sendNotification(b.name, incidentBundle(root)))).trim();
    const threads = await eventually('the notification at B', async () => {
      const list = await apiGet<{ thread_id: string; subject: string }[]>(b, '/threads');
      return list.find((t) => t.subject === SUBJECT);
    });
    threadId = threads.thread_id;
    expect(threadId).toBe(id);
  });

  it('B\'s officer signs in, sees the countdown, acknowledges and responds', async () => {
    const signInPage = await browser!.context.newPage();
    await signInPage.goto(`${b.url}/`);
    await signInPage.getByRole('button', { name: 'Sign in' }).waitFor();
    await saveScreenshot(signInPage, 'sign-in');
    await signInPage.close();

    const page = await signIn(b, 'officer');
    const row = page.getByRole('row').filter({ hasText: SUBJECT });
    const countdown = row.locator('.countdown time').first();
    const first = await countdown.textContent();
    expect(first).toMatch(/\d{2}:\d{2}/);
    // The countdown ticks every second.
    await eventually('the countdown to tick', async () => ((await countdown.textContent()) !== first ? true : undefined), 3_000);
    await saveScreenshot(page, 'inbox');

    await row.getByRole('link', { name: SUBJECT }).click();
    await page.getByText('✔ signature verified').first().waitFor();
    await page.getByText('✔ inclusion verified').first().waitFor();
    // The evidence B stored with the message is shown, and the incident under its name.
    await page.getByText('C2 server').first().waitFor();
    const incident = page.locator('article.message dt', { hasText: /^Incident$/ }).first().locator('xpath=following-sibling::dd[1]');
    expect(await incident.textContent()).toBe(SUBJECT);
    await saveScreenshot(page, 'thread');

    await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await page.getByRole('button', { name: 'Send acknowledge' }).click();
    await eventually('the acknowledgement in the thread', async () => ((await page.locator('article.message').count()) >= 2 ? true : undefined), 10_000);
    const acked = await apiGet<ThreadDetail>(b, `/threads/${threadId}`);
    expect(acked.messages.map((m) => m.message.kind)).toContain('acknowledgement');

    await page.getByRole('button', { name: 'Respond', exact: true }).click();
    await page.getByLabel('Findings').fill(FINDINGS);
    await page.getByLabel('Message', { exact: true }).fill('Appliance isolated; indicators shared with the hospital.');
    await page.getByRole('button', { name: 'Send respond' }).click();
    await page.getByText(FINDINGS).first().waitFor();
    // Both answers went to A and came back with A's receipt, which the console shows verified.
    await page.reload();
    await page.getByText(FINDINGS).first().waitFor();
    expect(await page.getByText('✘ inclusion not verified').count()).toBe(0);
    await saveScreenshot(page, 'thread-answered');

    await page.goto(`${b.url}/#/compose`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await saveScreenshot(page, 'compose');
    await page.goto(`${b.url}/#/directory`);
    await page.getByText('CERT-A').first().waitFor();
    // B's own record shows the address `parley serve` listens on, as A fetched it.
    await page.getByText(`${b.url}/taxii2/parley/`).waitFor();
    await saveScreenshot(page, 'directory');
    await page.goto(`${b.url}/#/agreements`);
    await page.getByText('Hotline agreement A-B').first().waitFor();
    await saveScreenshot(page, 'agreements');
    await page.close();

    const supervisor = await signIn(b, 'supervisor');
    await supervisor.goto(`${b.url}/#/review`);
    await supervisor.getByRole('heading', { level: 1 }).waitFor();
    await supervisor.waitForLoadState('networkidle');
    await saveScreenshot(supervisor, 'review');
    await supervisor.close();
  });

  it('A\'s console shows B\'s answer, signature and receipt verified', async () => {
    const detail = await eventually('the response at A', async () => {
      const d = await apiGet<ThreadDetail>(a, `/threads/${threadId}`);
      return d.messages.some((m) => m.direction === 'received' && m.message.kind === 'response') ? d : undefined;
    });
    const sent = detail.messages.find((m) => m.direction === 'sent')!;
    expect(sent.receipt?.inclusion_verified).toBe(true);
    const page = await signIn(a, 'officer');
    await page.goto(`${a.url}/#/thread/${threadId}`);
    await page.getByText(FINDINGS).first().waitFor();
    expect(await page.getByText('✘ signature NOT verified').count()).toBe(0);
    expect(await page.getByText('✘ inclusion not verified').count()).toBe(0);
    expect(await page.getByText('✔ inclusion verified').count()).toBe(detail.messages.length);
    await saveScreenshot(page, 'a-thread-answer');
    await page.close();
  });

  it('signs out: the node revokes the session token', async () => {
    const page = await signIn(a, 'officer');
    const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('parley.session') ?? '{}') as { token?: string }).token);
    expect(token).toBeTruthy();
    const me = (t: string) => fetch(`${a.url}/api/me`, { headers: { authorization: `Bearer ${t}` } }).then((r) => r.status);
    expect(await me(token!)).toBe(200);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await eventually('the token to be revoked', async () => ((await me(token!)) === 401 ? true : undefined), 5_000);
    await page.close();
  });
});
