import { readFileSync } from 'node:fs';
import { ParleyError } from '../../errors.ts';
import type { DeadlineRule } from '../../hotline/agreement.ts';
import type { AgreementDelivery } from '../../node/agreement-exchange.ts';
import type { ParleyNode } from '../../node/parley-node.ts';
import type { Output } from '../output.ts';

/** Parses `--deadline KIND:PRIORITY:ACK_MINUTES[:RESPOND_MINUTES]`. */
export function parseDeadlineRule(rule: string): DeadlineRule {
  const [kind, priority, ack, respond] = rule.split(':');
  if (!kind || !priority || !ack) throw new ParleyError('BAD_REQUEST', `--deadline ${rule}: expected KIND:PRIORITY:ACK_MINUTES[:RESPOND_MINUTES]`);
  return { kind, priority, acknowledge_minutes: Number(ack), ...(respond ? { respond_minutes: Number(respond) } : {}) } as DeadlineRule;
}

/** Prints `sent to NAME (ID)` or `not sent to NAME (ID): REASON` per party on stderr; 3 when any was not sent. */
export async function reportSent(node: ParleyNode, deliveries: AgreementDelivery[], output: Output): Promise<number> {
  let exit = 0;
  for (const d of deliveries) {
    const name = (await node.store.hotline.getParty(d.partyId))?.name ?? d.partyId;
    if (d.ok) output.err(d.published ? `published for ${name} (${d.partyId}) to fetch` : `sent to ${name} (${d.partyId})`);
    else {
      exit = 3;
      output.err(`not sent to ${name} (${d.partyId}): ${d.reason}`);
    }
  }
  return exit;
}

/** Reads a JSON object from a file; an unreadable or malformed file is a BAD_REQUEST naming it. */
export function readJsonObjectFile(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ParleyError('BAD_REQUEST', `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
