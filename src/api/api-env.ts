import type { OperatorRole } from '../store/hotline-store.ts';

/** The operator a request runs as, and how it authenticated. */
export interface ApiOperator {
  name: string;
  role: OperatorRole;
  /** The bearer token, when the request carried one (so `DELETE /api/session` can revoke it). */
  token?: string;
}

/** Hono environment of the `/api/` routes. */
export interface ApiEnv {
  Variables: { operator: ApiOperator };
}
