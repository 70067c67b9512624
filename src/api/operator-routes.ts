import { Hono } from 'hono';
import { ParleyError } from '../errors.ts';
import { OPERATOR_ROLES, type HotlineStore, type Operator, type OperatorRole } from '../store/hotline-store.ts';
import type { SessionStore } from '../store/session-store.ts';
import type { ApiEnv } from './api-env.ts';
import { readJsonObject, requiredString } from './api-error.ts';
import { requirePermission } from './operator-auth.ts';

function role(value: string): OperatorRole {
  if (!(OPERATOR_ROLES as readonly string[]).includes(value)) throw new ParleyError('BAD_REQUEST', `role must be one of ${OPERATOR_ROLES.join(', ')}`);
  return value as OperatorRole;
}

const view = (o: Operator) => ({ name: o.username, role: o.role, created_at: o.createdAt, updated_at: o.updatedAt });

/** Operator management for administrators: `GET /operators`, `POST /operators`, `PUT /operators/:name/role`, `PUT /operators/:name/password`. */
export function operatorRoutes(hotline: HotlineStore, sessions: SessionStore): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use('/operators', requirePermission('operators'));
  app.use('/operators/*', requirePermission('operators'));
  app.get('/operators', async (c) => c.json((await hotline.listOperators()).map(view)));
  app.post('/operators', async (c) => {
    const body = await readJsonObject(c);
    const created = await hotline.createOperator(requiredString(body, 'name'), requiredString(body, 'password'), role(requiredString(body, 'role')));
    return c.json(view(created), 201);
  });
  app.put('/operators/:name/role', async (c) => {
    const updated = await hotline.setOperatorRole(c.req.param('name'), role(requiredString(await readJsonObject(c), 'role')));
    // Sessions carry the role they were issued with, so a changed role takes effect at the next sign-in.
    await sessions.revokeOperator(updated.username);
    return c.json(view(updated));
  });
  app.put('/operators/:name/password', async (c) => {
    const name = c.req.param('name');
    await hotline.setOperatorPassword(name, requiredString(await readJsonObject(c), 'password'));
    await sessions.revokeOperator(name);
    return c.body(null, 204);
  });
  return app;
}
