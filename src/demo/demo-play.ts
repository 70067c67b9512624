import { join } from 'node:path';
import { ParleyError } from '../errors.ts';
import { proposeAndSend, signAndSend } from '../node/agreement-exchange.ts';
import { openNode, type ParleyNode } from '../node/parley-node.ts';
import type { StoredMessage } from '../store/hotline-store.ts';
import { ApiClient } from './api-client.ts';
import { writeDemoState, type DemoState } from './demo-state.ts';
import { DEMO_AGREEMENTS, SCENARIO_STEPS, type ScenarioContext, type ScenarioOperation, type DemoPartyKey } from './scenario.ts';

const ACTOR = (state: DemoState, key: DemoPartyKey) => `demo:${state.nodes[key].operator.username}`;

async function withDemoNode<T>(dir: string, state: DemoState, key: DemoPartyKey, fn: (node: ParleyNode) => Promise<T>): Promise<T> {
  const node = await openNode(join(dir, state.nodes[key].dir));
  try {
    return await fn(node);
  } finally {
    await node.close();
  }
}

/**
 * Proposes and signs the demo agreements over the wire (the nodes must be serving): the proposer signs and sends
 * version 1, the other party signs and sends it back, so both hold it fully signed. Skips those already made.
 */
export async function makeDemoAgreements(dir: string, state: DemoState, note: (line: string) => void): Promise<void> {
  for (const spec of DEMO_AGREEMENTS) {
    if (state.agreements[spec.key]) continue;
    const partyRefs = [spec.proposer, ...spec.others].map((k) => state.nodes[k].partyId);
    const { agreement, deliveries } = await withDemoNode(dir, state, spec.proposer, (node) => proposeAndSend(node, {
      partyRefs, name: spec.name, description: spec.description,
      commitments: [spec.proposer, ...spec.others].map((k) => ({ party_ref: state.nodes[k].partyId, protected_sectors: spec.protectedSectors[k] })),
      rules: spec.rules,
    }));
    assertSent(spec.name, deliveries);
    for (const other of spec.others) {
      const signed = await withDemoNode(dir, state, other, (node) => signAndSend(node, agreement.id));
      assertSent(spec.name, signed.deliveries);
    }
    state.agreements[spec.key] = agreement.id;
    writeDemoState(dir, state);
    note(`agreement ${spec.name}: in force (${agreement.id})`);
  }
}

function assertSent(name: string, deliveries: readonly { partyId: string; ok: boolean; reason?: string }[]): void {
  const failed = deliveries.find((d) => !d.ok);
  if (failed) throw new ParleyError('UNAVAILABLE', `agreement ${name} could not be sent to ${failed.partyId}: ${failed.reason}`);
}

/**
 * Plays the scenario steps not yet recorded in the state file, each as a hotline service command of the acting
 * node, and waits until the message is visible in the thread on the awaiting nodes' API before the next step.
 */
export async function playDemoScenarios(dir: string, state: DemoState, note: (line: string) => void): Promise<void> {
  const ctx = (node: ParleyNode): ScenarioContext => ({
    party: (key) => state.nodes[key].partyId,
    message: (step) => {
      const id = state.scenarioMessages[step];
      if (!id) throw new ParleyError('INTERNAL', `scenario step ${step} has not run`);
      return id;
    },
    at: () => new Date().toISOString(),
    evidence: async (step) => {
      const stored = await node.store.hotline.getMessage(state.scenarioMessages[step] ?? '');
      if (!stored) throw new ParleyError('INTERNAL', `scenario step ${step}'s message is not stored at ${node.self.name}`);
      return node.service.evidenceOf(stored.message);
    },
  });
  for (const step of SCENARIO_STEPS) {
    if (state.scenarioMessages[step.name]) continue;
    const stored = await withDemoNode(dir, state, step.actor, async (node) => run(node, step.operation, ctx(node), state, ACTOR(state, step.actor)));
    state.scenarioMessages[step.name] = stored.message.id;
    writeDemoState(dir, state);
    for (const key of step.awaitAt) await awaitMessage(state, key, stored);
    note(`${step.name}: ${stored.message.kind} ${stored.message.id}`);
  }
  state.scenariosComplete = true;
  writeDemoState(dir, state);
}

async function run(node: ParleyNode, op: ScenarioOperation, ctx: ScenarioContext, state: DemoState, actor: string): Promise<StoredMessage> {
  switch (op.op) {
    case 'compose':
      return node.service.send(await op.request(ctx), actor);
    case 'acknowledge':
      return node.service.acknowledge(ctx.message(op.target), { body: op.body }, actor);
    case 'respond':
      return node.service.respond(ctx.message(op.target), {
        body: op.body, ...(op.findings ? { findings: op.findings } : {}), ...(op.actions_taken ? { actions_taken: op.actions_taken } : {}),
      }, actor);
    case 'close':
      return node.service.close(ctx.message(op.target), { outcome: op.outcome, body: op.body }, actor);
    case 'ping':
      return node.service.ping(state.nodes[op.party].partyId, actor);
    case 'answer-ping':
      return node.service.answerPing(ctx.message(op.target), { body: op.body }, actor);
  }
}

/** Polls the awaiting node's `/api/threads/:thread` (as its operator) until the message is there; 30 s at most. */
async function awaitMessage(state: DemoState, key: DemoPartyKey, stored: StoredMessage): Promise<void> {
  const { port, operator } = state.nodes[key];
  const api = new ApiClient(`http://127.0.0.1:${port}`, operator.username, operator.password);
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const thread = await api.get<{ messages: { message: { id: string } }[] }>(`/api/threads/${stored.message.thread_id}`);
      if (thread.messages.some((m) => m.message.id === stored.message.id)) return;
      last = 'not in the thread yet';
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new ParleyError('UNAVAILABLE', `${stored.message.kind} ${stored.message.id} did not reach ${key} within 30 s (${last})`);
}
