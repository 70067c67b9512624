import { Hono, type Context } from 'hono';
import { ParleyError } from '../errors.ts';
import { REGULATORY_OBLIGATIONS, type RegulatoryObligation } from '../hotline/regulatory-clocks.ts';
import { reportClockMet } from '../node/report-clock.ts';
import type { StoredMessage } from '../store/hotline-store.ts';
import type { ApiEnv } from './api-env.ts';
import type { ApiHotlineService, ApiReadNode } from './api-node.ts';
import { optionalString, readJsonObject, requiredString } from './api-error.ts';
import { composeDraft, stixObjects } from './compose-request.ts';
import { requirePermission } from './operator-auth.ts';
import { loadMessageViewContext } from './read-context.ts';
import { messageView } from './views/message-view.ts';

/**
 * The commands: `POST /messages`, `POST /messages/:id/{acknowledge,respond,consult,close}`, `POST /parties/:id/ping`.
 * Each calls the node's hotline service as the signed-in operator and answers the new message's MessageView (201).
 * `POST /messages/:id/clocks/:obligation/met` records a regulatory report the party filed (200, the clocks changed).
 */
export function messageRoutes(node: ApiReadNode, service: ApiHotlineService): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const hotline = node.store.hotline;

  const answer = async (c: Context<ApiEnv>, stored: StoredMessage) => c.json(await messageView(stored, await loadMessageViewContext(node, [stored])), 201);
  const existing = async (id: string) => {
    if (!(await hotline.hasMessage(id))) throw new ParleyError('NOT_FOUND', `no message ${id}`);
    return id;
  };
  const actor = (c: Context<ApiEnv>) => c.get('operator').name;

  app.post('/messages', requirePermission('handle'), async (c) => {
    const draft = composeDraft(await readJsonObject(c));
    if (draft.kind === 'closure') throw new ParleyError('BAD_REQUEST', 'close a thread with POST /api/messages/:id/close');
    return answer(c, await service.send(draft, actor(c)));
  });
  app.post('/messages/:id/acknowledge', requirePermission('handle'), async (c) => {
    const body = await readJsonObject(c);
    const id = await existing(c.req.param('id'));
    return answer(c, await service.acknowledge(id, { body: optionalString(body, 'body') }, actor(c)));
  });
  app.post('/messages/:id/respond', requirePermission('handle'), async (c) => {
    const body = await readJsonObject(c);
    const id = await existing(c.req.param('id'));
    const findings = optionalString(body, 'findings');
    const actionsTaken = optionalString(body, 'actions_taken');
    const evidence = stixObjects(body.evidence, 'evidence');
    return answer(c, await service.respond(id, {
      body: optionalString(body, 'body') ?? '',
      ...(findings ? { findings } : {}),
      ...(actionsTaken ? { actions_taken: actionsTaken } : {}),
      ...(evidence ? { evidence } : {}),
    }, actor(c)));
  });
  app.post('/messages/:id/consult', requirePermission('handle'), async (c) => {
    const body = await readJsonObject(c);
    const id = await existing(c.req.param('id'));
    const subject = optionalString(body, 'subject');
    return answer(c, await service.consult(id, { ...(subject ? { subject } : {}), body: requiredString(body, 'body') }, actor(c)));
  });
  app.post('/messages/:id/close', requirePermission('close'), async (c) => {
    const body = await readJsonObject(c);
    const id = await existing(c.req.param('id'));
    return answer(c, await service.close(id, { outcome: requiredString(body, 'outcome'), body: optionalString(body, 'body') }, actor(c)));
  });
  app.post('/parties/:id/ping', requirePermission('handle'), async (c) => {
    const partyId = c.req.param('id');
    if (!(await hotline.getParty(partyId))) throw new ParleyError('NOT_FOUND', `no party ${partyId}`);
    return answer(c, await service.ping(partyId, actor(c)));
  });
  app.post('/messages/:id/clocks/:obligation/met', requirePermission('handle'), async (c) => {
    const body = await readJsonObject(c);
    const id = await existing(c.req.param('id'));
    const obligation = c.req.param('obligation');
    if (!REGULATORY_OBLIGATIONS.includes(obligation as RegulatoryObligation)) throw new ParleyError('BAD_REQUEST', `obligation must be one of ${REGULATORY_OBLIGATIONS.join(', ')}`);
    const at = optionalString(body, 'at');
    const when = at === undefined ? new Date() : new Date(at);
    if (Number.isNaN(when.getTime())) throw new ParleyError('BAD_REQUEST', `at: ${at} is not a timestamp`);
    return c.json(await reportClockMet(node, id, obligation as RegulatoryObligation, when));
  });
  return app;
}
