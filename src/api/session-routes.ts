import { Hono } from 'hono';
import { ParleyError } from '../errors.ts';
import type { HotlineStore } from '../store/hotline-store.ts';
import type { SessionStore } from '../store/session-store.ts';
import type { ApiEnv } from './api-env.ts';
import { readJsonObject, requiredString } from './api-error.ts';

/** `POST /session` (sign in; the only route without auth). */
export function signInRoute(hotline: HotlineStore, sessions: SessionStore, ttlMs: number): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.post('/session', async (c) => {
    const body = await readJsonObject(c);
    const username = requiredString(body, 'username');
    const password = requiredString(body, 'password');
    const operator = await hotline.authenticateOperator(username, password);
    if (!operator) throw new ParleyError('UNAUTHORIZED', 'wrong operator username or password');
    await sessions.purgeExpired();
    const session = await sessions.issue(operator.username, operator.role, ttlMs);
    return c.json({ token: session.token, operator: { name: operator.username, role: operator.role }, expires_at: session.expiresAt }, 201);
  });
  return app;
}

/** `DELETE /session` (revoke the bearer token used) and `GET /me`. */
export function sessionRoutes(sessions: SessionStore): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.delete('/session', async (c) => {
    const { token } = c.get('operator');
    if (token === undefined) throw new ParleyError('BAD_REQUEST', 'only a bearer token can be revoked; Basic credentials open no session');
    await sessions.revoke(token);
    return c.body(null, 204);
  });
  app.get('/me', (c) => {
    const { name, role } = c.get('operator');
    return c.json({ name, role });
  });
  return app;
}
