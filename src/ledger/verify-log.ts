import type { LogStore, StoredCheckpoint } from '../store/log-store.ts';
import { verifyCheckpoint, type CheckpointVerdict, type PublicKeyLookup } from './checkpoint.ts';
import { decodeLogEntry, type LogEntry } from './log-entry.ts';
import type { LogFinding, LogReport } from './log-report.ts';
import { EMPTY_ROOT, leafHash, type NodeKey } from './merkle.ts';
import { TreeRecompute, subtreesClosedBy } from './tree-recompute.ts';

/** How to judge a log: the keys its checkpoints name and an optional check of each entry's content. */
export interface VerifyLogOptions {
  publicKeyFor: PublicKeyLookup;
  /** Returns why an entry is unacceptable (e.g. its digest matches no stored object), or null. */
  checkEntry?(entry: LogEntry): string | null;
  /** Entries read per batch (default 4096). */
  batchSize?: number;
}

interface Misplaced {
  position: number;
  claimed: number;
  hash: Buffer;
}

const keyOf = (k: NodeKey): string => `${k.level}/${k.index}`;

/**
 * Re-reads every entry of a stored log, recomputes every leaf and subtree hash and the root at every checkpoint
 * size, checks each checkpoint's signature and root, and reports each change, deletion or reordering precisely.
 */
export async function verifyLog(store: LogStore, options: VerifyLogOptions): Promise<LogReport> {
  const findings: LogFinding[] = [];
  const recorded = await store.size();
  const extent = await store.extent();
  const checkpoints = await store.checkpoints();
  const verdicts = checkpoints.map((c) => verifyCheckpoint(c.checkpoint, options.publicKeyFor));
  const sizes = new Set(checkpoints.filter((_, i) => verdicts[i].ok).map((c) => c.checkpoint.tree_size));
  // Only rows and validly signed checkpoints say how far the log reaches: a forged size must not make us walk it.
  const size = Math.max(extent.entries, extent.leafHashes, ...sizes);
  if (recorded !== size) findings.push({ kind: 'size-mismatch', recorded, found: size });
  checkpoints.forEach((c, i) => {
    const v = verdicts[i];
    if (!v.ok && v.reason === 'unknown-key') sizes.add(c.checkpoint.tree_size);
  });

  const anomalies: NodeKey[] = [];
  const tree = new TreeRecompute({
    mismatch: (key) => anomalies.push(key),
    missing: (key) => findings.push({ kind: 'node-missing', level: key.level, index: key.index }),
  });
  const roots = new Map<number, Buffer | null>([[0, EMPTY_ROOT]]);
  const missing: number[] = [];
  const misplaced: Misplaced[] = [];
  const batch = options.batchSize ?? 4096;

  for (let start = 0; start < size; start += batch) {
    const end = Math.min(size, start + batch);
    const rows = new Map((await store.entries(start, end)).map((row) => [row.index, row.bytes]));
    const keys: NodeKey[] = [];
    for (let p = start; p < end; p++) keys.push(...subtreesClosedBy(p));
    const hashes = await store.nodeHashes(keys);
    const stored = new Map(keys.map((k, i) => [keyOf(k), hashes[i]]));
    const lookup = (k: NodeKey): Buffer | undefined => stored.get(keyOf(k));
    for (let p = start; p < end; p++) {
      const bytes = rows.get(p);
      if (bytes === undefined) {
        missing.push(p);
        // Carry on with the stored leaf hash so that what follows is still judged on its own.
        tree.add(lookup({ level: 0, index: p }) ?? null, lookup);
      } else {
        const hash = leafHash(bytes);
        examineEntry(p, bytes, hash, options, findings, misplaced);
        tree.add(hash, lookup);
      }
      if (sizes.has(tree.size)) roots.set(tree.size, tree.root());
    }
  }

  const judged = judgeCheckpoints(checkpoints, verdicts, roots, findings);
  pushMissingRuns(missing, findings);
  const movedPositions = await judgeMisplaced(store, misplaced, findings);
  for (const key of anomalies) {
    const from = key.index * 2 ** key.level;
    const to = from + 2 ** key.level;
    const witness = judged.find((c) => c.checkpoint.tree_size >= to);
    if (witness !== undefined) {
      findings.push({ kind: 'node-changed', level: key.level, index: key.index, checkpoint: witness.seq });
    } else if (key.level === 0) {
      if (!movedPositions.has(from)) {
        findings.push({ kind: 'entry-changed', index: from, evidence: 'leaf hash differs from the one stored when it was appended' });
      }
    } else {
      findings.push({ kind: 'entries-changed', from, to, evidence: `subtree (level ${key.level}, index ${key.index}) hash differs from the stored one` });
    }
  }
  return { ok: findings.length === 0, size, checkpoints: checkpoints.length, findings };
}

function examineEntry(
  position: number, bytes: Buffer, hash: Buffer, options: VerifyLogOptions, findings: LogFinding[], misplaced: Misplaced[],
): void {
  const decoded = decodeLogEntry(bytes);
  if ('problem' in decoded) {
    findings.push({ kind: 'entry-malformed', index: position, problem: decoded.problem });
    return;
  }
  if (decoded.entry.index !== position) misplaced.push({ position, claimed: decoded.entry.index, hash });
  const reason = options.checkEntry?.(decoded.entry) ?? null;
  if (reason !== null) findings.push({ kind: 'entry-rejected', index: position, reason });
}

// Checks signatures and roots; returns the checkpoints that are good witnesses (valid signature, matching root).
function judgeCheckpoints(
  checkpoints: readonly StoredCheckpoint[], verdicts: readonly CheckpointVerdict[], roots: Map<number, Buffer | null>,
  findings: LogFinding[],
): StoredCheckpoint[] {
  const good: StoredCheckpoint[] = [];
  const mismatched: StoredCheckpoint[] = [];
  checkpoints.forEach((stored, i) => {
    const { seq, checkpoint } = stored;
    const verdict = verdicts[i];
    if (!verdict.ok) {
      findings.push({ kind: 'checkpoint-bad-signature', checkpoint: seq, treeSize: checkpoint.tree_size, reason: verdict.reason });
      if (verdict.reason !== 'unknown-key') return;
    }
    const root = roots.get(checkpoint.tree_size);
    if (root === null || root === undefined) {
      findings.push({ kind: 'checkpoint-unverifiable', checkpoint: seq, treeSize: checkpoint.tree_size });
    } else if (root.toString('base64') !== checkpoint.root_hash) {
      mismatched.push(stored);
    } else if (verdict.ok) {
      good.push(stored);
    }
  });
  for (const { seq, checkpoint } of mismatched) {
    // A good checkpoint of a smaller size vouches for every entry below it.
    const from = Math.max(0, ...good.map((g) => g.checkpoint.tree_size).filter((s) => s < checkpoint.tree_size));
    findings.push({ kind: 'checkpoint-root-mismatch', checkpoint: seq, treeSize: checkpoint.tree_size, from });
  }
  return good;
}

function pushMissingRuns(missing: readonly number[], findings: LogFinding[]): void {
  for (let i = 0; i < missing.length; ) {
    let j = i;
    while (j + 1 < missing.length && missing[j + 1] === missing[j] + 1) j++;
    findings.push({ kind: 'entries-missing', from: missing[i], to: missing[j] + 1 });
    i = j + 1;
  }
}

// An entry whose index field names another position: moved when its bytes are those once stored there.
async function judgeMisplaced(store: LogStore, misplaced: readonly Misplaced[], findings: LogFinding[]): Promise<Set<number>> {
  const storedAt = await store.nodeHashes(misplaced.map((m) => ({ level: 0, index: m.claimed })));
  const moved = new Map<number, number>();
  misplaced.forEach((m, i) => {
    if (storedAt[i]?.equals(m.hash)) moved.set(m.position, m.claimed);
    else findings.push({ kind: 'entry-changed', index: m.position, evidence: `its index field says ${m.claimed}` });
  });
  for (const [position, claimed] of moved) {
    if (moved.get(claimed) === position) {
      if (position < claimed) findings.push({ kind: 'entries-reordered', indexes: [position, claimed] });
    } else {
      findings.push({ kind: 'entry-moved', index: claimed, position });
    }
  }
  return new Set(misplaced.map((m) => m.position));
}
