import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { partyExtension } from '../hotline/party.ts';
import { initNode } from '../node/init-node.ts';
import { openNodeStore } from '../node/parley-node.ts';
import type { DemoNodeState, DemoState } from './demo-state.ts';
import { DEMO_AGREEMENTS, DEMO_PARTIES, demoParty, type DemoPartyKey } from './scenario-parties.ts';

const secret = (): string => randomBytes(18).toString('base64url');

/**
 * First start: initialises the three nodes (each its own data directory and URL), creates an operator login on
 * each, and introduces every two parties that share an agreement: each adds the other's party record, opens a
 * TAXII account that may write into its inbox, and stores the account the other opened for it.
 */
export async function setUpDemoNodes(dir: string, ports: Record<DemoPartyKey, number>): Promise<DemoState> {
  const nodes = {} as Record<DemoPartyKey, DemoNodeState>;
  for (const spec of DEMO_PARTIES) {
    const dataDir = join(dir, spec.dir);
    const { party } = await initNode(dataDir, {
      name: spec.name, url: `http://127.0.0.1:${ports[spec.key]}`, identityClass: spec.identityClass, sectors: spec.sectors,
    });
    const operator = { username: spec.operator, password: secret() };
    const store = await openNodeStore(dataDir);
    try {
      await store.hotline.createOperator(operator.username, operator.password, 'administrator');
    } finally {
      await store.close();
    }
    nodes[spec.key] = { dir: spec.dir, port: ports[spec.key], partyId: party.id, operator };
  }
  const pairs = DEMO_AGREEMENTS.flatMap((a) => a.others.map((other) => [a.proposer, other] as const));
  for (const [x, y] of pairs) {
    await introduce(dir, nodes, x, y);
    await introduce(dir, nodes, y, x);
  }
  return { version: 1, nodes, setupComplete: true, agreements: {}, scenarioMessages: {}, scenariosComplete: false };
}

/** `self` learns `peer`'s party record and gives `peer` an account on its inbox (stored on `peer`'s side). */
async function introduce(dir: string, nodes: Record<DemoPartyKey, DemoNodeState>, self: DemoPartyKey, peer: DemoPartyKey): Promise<void> {
  const selfStore = await openNodeStore(join(dir, nodes[self].dir));
  const peerStore = await openNodeStore(join(dir, nodes[peer].dir));
  try {
    const own = await selfStore.hotline.getOwnParty();
    const peerParty = await peerStore.hotline.getOwnParty();
    if (!own || !peerParty) throw new Error(`demo node ${self} or ${peer} has no own party`);
    await selfStore.hotline.putParty(peerParty, { own: false });
    const account = { username: demoParty(peer).dir, password: secret() };
    const inbox = partyExtension(own).taxii.inbox_collection_id;
    await selfStore.accounts.add(account.username, account.password, [{ collection: inbox, canRead: false, canWrite: true }]);
    await peerStore.transaction(async () => peerStore.records.putCredentials({ partyId: own.id, ...account }));
  } finally {
    await selfStore.close();
    await peerStore.close();
  }
}
