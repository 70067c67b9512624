import { userInfo } from 'node:os';
import { ParleyError } from '../../errors.ts';
import type { Party } from '../../hotline/party.ts';
import { openNode, type ParleyNode } from '../../node/parley-node.ts';
import type { StoreOptions } from '../data-dir.ts';
import type { Output } from '../output.ts';

/** Opens the node of a data directory (on --database, when given) for one command and closes it afterwards. */
export async function withNode<T>(where: string | StoreOptions, fn: (node: ParleyNode) => Promise<T>): Promise<T> {
  const { data, database } = typeof where === 'string' ? { data: where, database: undefined } : where;
  const node = await openNode(data, database === undefined ? {} : { database });
  try {
    return await fn(node);
  } finally {
    await node.close();
  }
}

/** Who acts from the command line (logged with sent messages). */
export function cliActor(): string {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry (containers): keep 'unknown'
  }
  return `cli:${name}`;
}

/** Finds a party by identity id or exact name. */
export async function resolveParty(node: ParleyNode, ref: string): Promise<Party> {
  const parties = (await node.store.hotline.listParties()).map((p) => p.party);
  const found = parties.find((p) => p.id === ref) ?? parties.filter((p) => p.name === ref).at(0);
  if (!found) throw new ParleyError('UNKNOWN_PARTY', `no party ${ref} (parley party list)`);
  if (parties.filter((p) => p.name === ref).length > 1 && found.id !== ref) throw new ParleyError('BAD_REQUEST', `several parties are named ${ref}; use the identity id`);
  return found;
}

/** Prints where a sent message went (standard error) and returns 0 when every recipient has it, else 3. */
export async function reportDelivery(node: ParleyNode, messageId: string, recipients: readonly string[], output: Output): Promise<number> {
  let exit = 0;
  for (const recipient of recipients) {
    const name = (await node.store.hotline.getParty(recipient))?.name ?? recipient;
    const d = await node.store.records.delivery(messageId, recipient);
    if (d?.outcome === 'delivered') output.err(`delivered to ${name} (${recipient})`);
    else {
      exit = 3;
      output.err(`not delivered to ${name} (${recipient}): ${d?.reason ?? 'no attempt recorded'}`);
    }
  }
  return exit;
}

/** Reads all of standard input as UTF-8. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The first line of standard input as a password (BAD_REQUEST when empty). */
export async function passwordFromStdin(): Promise<string> {
  const password = (await readStdin()).split(/\r?\n/)[0] ?? '';
  if (password === '') throw new ParleyError('BAD_REQUEST', 'the password on standard input is empty');
  return password;
}
