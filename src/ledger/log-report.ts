/** One precise thing `verifyLog` found wrong with a stored log. Positions and indexes count from 0. */
export type LogFinding =
  | { kind: 'entries-missing'; from: number; to: number }
  | { kind: 'entry-changed'; index: number; evidence: string }
  | { kind: 'entries-changed'; from: number; to: number; evidence: string }
  | { kind: 'entries-reordered'; indexes: [number, number] }
  | { kind: 'entry-moved'; index: number; position: number }
  | { kind: 'entry-malformed'; index: number; problem: string }
  | { kind: 'entry-rejected'; index: number; reason: string }
  | { kind: 'node-changed'; level: number; index: number; checkpoint: number }
  | { kind: 'node-missing'; level: number; index: number }
  | { kind: 'checkpoint-bad-signature'; checkpoint: number; treeSize: number; reason: 'malformed' | 'unknown-key' | 'bad-signature' }
  | { kind: 'checkpoint-root-mismatch'; checkpoint: number; treeSize: number; from: number }
  | { kind: 'checkpoint-unverifiable'; checkpoint: number; treeSize: number }
  | { kind: 'size-mismatch'; recorded: number; found: number };

/** The result of re-checking a whole log. */
export interface LogReport {
  /** True when nothing was found. */
  ok: boolean;
  /** Entries the log should hold: the furthest reach of stored rows, leaf hashes and validly signed checkpoints. */
  size: number;
  checkpoints: number;
  findings: LogFinding[];
}

const range = (from: number, to: number): string => (to - from === 1 ? `entry ${from}` : `entries ${from}..${to - 1}`);

/** One line describing a finding. */
export function describeFinding(f: LogFinding): string {
  switch (f.kind) {
    case 'entries-missing':
      return `${range(f.from, f.to)} missing (deleted)`;
    case 'entry-changed':
      return `entry ${f.index} changed: ${f.evidence}`;
    case 'entries-changed':
      return `${range(f.from, f.to)}: one or more changed: ${f.evidence}`;
    case 'entries-reordered':
      return `entries ${f.indexes[0]} and ${f.indexes[1]} reordered (each sits at the other's position)`;
    case 'entry-moved':
      return `entry ${f.index} moved to position ${f.position}`;
    case 'entry-malformed':
      return `entry ${f.index} malformed: ${f.problem}`;
    case 'entry-rejected':
      return `entry ${f.index} rejected: ${f.reason}`;
    case 'node-changed':
      return `stored hash of subtree (level ${f.level}, index ${f.index}) changed; its entries still match checkpoint ${f.checkpoint}`;
    case 'node-missing':
      return `stored hash of subtree (level ${f.level}, index ${f.index}) missing`;
    case 'checkpoint-bad-signature':
      return `checkpoint ${f.checkpoint} (size ${f.treeSize}): ${f.reason === 'unknown-key' ? 'signing key unknown' : f.reason === 'malformed' ? 'malformed' : 'bad signature'}`;
    case 'checkpoint-root-mismatch':
      return `checkpoint ${f.checkpoint} (size ${f.treeSize}): root mismatch; the change lies in ${range(f.from, f.treeSize)}`;
    case 'checkpoint-unverifiable':
      return `checkpoint ${f.checkpoint} (size ${f.treeSize}): root cannot be recomputed, entries and their hashes are missing`;
    case 'size-mismatch':
      return `the log records ${f.recorded} entries but stored rows or checkpoints reach ${f.found}`;
  }
}

/** The printable report: a PASS/FAIL headline and one line per finding (at most `limit`). */
export function formatLogReport(report: LogReport, limit = 100): string[] {
  const counts = `${report.size} entries, ${report.checkpoints} checkpoints`;
  if (report.ok) return [`PASS ledger: ${counts} verified`];
  const lines = [`FAIL ledger: ${report.findings.length} findings in ${counts}`];
  for (const f of report.findings.slice(0, limit)) lines.push(`  ${describeFinding(f)}`);
  if (report.findings.length > limit) lines.push(`  … and ${report.findings.length - limit} more`);
  return lines;
}
