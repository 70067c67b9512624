import type { MiddlewareHandler } from 'hono';
import { ParleyError } from '../errors.ts';
import type { HotlineStore, OperatorRole } from '../store/hotline-store.ts';
import type { SessionStore } from '../store/session-store.ts';
import type { ApiEnv } from './api-env.ts';
import { errorResponse } from './api-error.ts';

/** What each role may do: duty officers read and handle messages, supervisors also close and review, administrators also manage operators. */
export const ROLE_PERMISSIONS = Object.freeze({
  'duty-officer': Object.freeze(['read', 'handle'] as const),
  supervisor: Object.freeze(['read', 'handle', 'close', 'review'] as const),
  administrator: Object.freeze(['read', 'handle', 'close', 'review', 'operators'] as const),
});
export type Permission = 'read' | 'handle' | 'close' | 'review' | 'operators';

/** True when the role grants the permission. */
export function roleAllows(role: OperatorRole, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}

/** Authenticates `Authorization: Bearer <session token>` or `Basic <operator credentials>`; 401 otherwise. */
export function operatorAuth(hotline: HotlineStore, sessions: SessionStore): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const [scheme, credentials = ''] = header.split(/\s+/, 2);
    if (/^bearer$/i.test(scheme) && credentials) {
      const session = await sessions.find(credentials);
      if (!session) return unauthorized(c, 'the session token is unknown, revoked or expired: sign in again');
      c.set('operator', { name: session.username, role: session.role, token: credentials });
      return next();
    }
    if (/^basic$/i.test(scheme) && credentials) {
      const decoded = Buffer.from(credentials, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const operator = colon > 0 ? await hotline.authenticateOperator(decoded.slice(0, colon), decoded.slice(colon + 1)) : undefined;
      if (!operator) return unauthorized(c, 'wrong operator username or password');
      c.set('operator', { name: operator.username, role: operator.role });
      return next();
    }
    return unauthorized(c, 'sign in: send Authorization: Bearer <token> from POST /api/session, or Basic credentials');
  };
}

/** Refuses (403 FORBIDDEN) operators whose role lacks the permission. */
export function requirePermission(permission: Permission): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const operator = c.get('operator');
    if (!roleAllows(operator.role, permission)) {
      return errorResponse(c, new ParleyError('FORBIDDEN', `the ${operator.role} role may not ${permission === 'handle' ? 'handle messages' : permission === 'operators' ? 'manage operators' : permission}`));
    }
    return next();
  };
}

function unauthorized(c: Parameters<MiddlewareHandler<ApiEnv>>[0], message: string): Response {
  // Bearer only: a Basic challenge would make browsers pop up their own password dialog over the console.
  c.header('WWW-Authenticate', 'Bearer realm="parley"');
  return errorResponse(c, new ParleyError('UNAUTHORIZED', message));
}
