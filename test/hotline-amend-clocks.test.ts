import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParley } from './parley-process.ts';
import { removeAll, startIntroducedPair, evidenceFile, ok, type TestNode } from './hotline-harness.ts';

let a: TestNode;
let b: TestNode;

beforeAll(async () => {
  [a, b] = await startIntroducedPair([]);
}, 240_000);

afterAll(() => removeAll([a, b]));

describe('agreement amendments and regulatory clocks between two nodes', { timeout: 180_000 }, () => {
  let agreement = '';

  it('amends an agreement in force: version 1 governs until both parties have signed version 2', async () => {
    const proposed = await ok(['agreement', 'propose', '--party', 'CERT-B', '--name', 'A-B hotline', '--deadline', 'notification:urgent:60:120', '--data', a.dir]);
    agreement = /^agreement (\S+) version 1$/m.exec(proposed)![1]!;
    await ok(['agreement', 'sign', agreement, '--data', b.dir]);

    const amended = await runParley(['agreement', 'amend', agreement, '--deadline', 'notification:urgent:30:90', '--sector', 'energy', '--data', b.dir]);
    expect(amended.status).toBe(0);
    expect(amended.stdout).toBe(`agreement ${agreement} version 2\n`);
    expect(amended.stderr).toBe(`sent to CERT-A (${a.partyId})\n`);
    for (const node of [a, b]) {
      expect(await ok(['agreement', 'show', agreement, '--data', node.dir]))
        .toMatch(new RegExp(`^agreement ${agreement} version 2: in force \\(version 1\\)\nsigned by: ${b.partyId}\nmissing: ${a.partyId}\n`));
    }
    const shown = JSON.parse((await ok(['agreement', 'show', agreement, '--data', a.dir])).split('\n').slice(3).join('\n')) as {
      rules: { deadlines: { kind: string; priority: string; acknowledge_minutes: number }[] }; commitments: { protected_sectors: string[] }[];
    };
    expect(shown.rules.deadlines).toEqual([{ kind: 'notification', priority: 'urgent', acknowledge_minutes: 30, respond_minutes: 90 }]);
    expect(shown.commitments.map((c) => c.protected_sectors)).toEqual([['energy'], ['energy']]);

    expect(await ok(['agreement', 'sign', agreement, '--data', a.dir])).toBe(`agreement ${agreement} version 2 signed; in force\n`);
    expect(await ok(['agreement', 'show', '--data', b.dir])).toBe(`${agreement}\t2\tin force (version 2)\tA-B hotline\n`);
  });

  it('refuses an empty amendment, an unknown agreement and a file changing what may not change', async () => {
    const empty = await runParley(['agreement', 'amend', agreement, '--data', a.dir]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toBe('parley: nothing to amend: give a JSON file or at least one change flag\n');
    const unknown = await runParley(['agreement', 'amend', 'x-parley-agreement--00000000-0000-4000-8000-000000000000', '--name', 'x', '--data', a.dir]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^parley: no agreement x-parley-agreement--0{8}-/);
    const file = join(a.dir, 'amendment.json');
    writeFileSync(file, JSON.stringify({ name: 'Renamed', created: '2020-01-01T00:00:00.000Z' }));
    const frozen = await runParley(['agreement', 'amend', agreement, file, '--data', a.dir]);
    expect(frozen.status).toBe(1);
    expect(frozen.stderr).toBe(`parley: ${file}: an amendment may change only name, description, party_refs, commitments, rules (not created)\n`);
    expect(await ok(['agreement', 'show', '--data', a.dir])).toBe(`${agreement}\t2\tin force (version 2)\tA-B hotline\n`);
  });

  it('records the notifying party\'s NIS2 reports as met; the final report runs from the notification filed', async () => {
    const aware = new Date(Date.now() - 3_600_000).toISOString();
    const sent = await runParley(['send', 'notification', '--to', 'CERT-B', '--subject', 'Pipeline ransomware', '--body', 'Billing systems encrypted.',
      '--evidence', evidenceFile(a.dir), '--priority', 'urgent', '--tlp', 'amber', '--sector', 'energy', '--severity', 'high',
      '--regime', 'nis2', '--awareness-time', aware, '--data', a.dir]);
    expect(sent.status).toBe(0);
    const id = sent.stdout.trim();

    const early = await ok(['clock', 'met', id, 'nis2-early-warning', '--data', a.dir]);
    expect(early).toMatch(new RegExp(`^clock\tmet\t${id}\tnis2-early-warning\t\\S+\tmet@\\S+\n$`));
    const filed = '2030-01-31T10:00:00.000Z';
    const notified = (await ok(['clock', 'met', id, 'nis2-incident-notification', '--at', filed, '--data', a.dir])).split('\n');
    expect(notified[0]).toBe(`clock\tmet\t${id}\tnis2-incident-notification\t${new Date(Date.parse(aware) + 72 * 3_600_000).toISOString()}\tmet@${filed}`);
    // One calendar month after 31 January is the last day of February.
    expect(notified[1]).toBe(`clock\topen\t${id}\tnis2-final-report\t2030-02-28T10:00:00.000Z\t-`);

    const again = await runParley(['clock', 'met', id, 'nis2-early-warning', '--data', a.dir]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^parley: nis2-early-warning of \S+ was already met at /);
    const wrong = await runParley(['clock', 'met', id, 'gdpr-breach', '--data', a.dir]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/^parley: obligation must be one of nis2-early-warning, /);
    const recipient = await runParley(['clock', 'met', id, 'nis2-final-report', '--data', b.dir]);
    expect(recipient.status).toBe(1);
    expect(recipient.stderr).toMatch(/only the notifying party records its reports\n$/);

    const clocks = (await ok(['deadlines', '--data', a.dir])).split('\n').filter((l) => l.startsWith('clock\t'));
    expect(clocks.map((l) => l.split('\t').slice(1, 4).join(' '))).toEqual([
      `met ${id} nis2-early-warning`, `met ${id} nis2-incident-notification`, `open ${id} nis2-final-report`,
    ]);
    expect(await ok(['verify', '--data', a.dir])).toMatch(/PASS agreements: 2 versions, 4 signatures verified\n[\s\S]*verify: OK\n$/);
    expect(await ok(['verify', '--data', b.dir])).toMatch(/verify: OK\n$/);
  });
});
