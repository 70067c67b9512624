import type { Operator } from './types.ts';

/** The signed-in operator and the token the node issued, as kept in the tab's sessionStorage. */
export interface StoredSession {
  token: string;
  operator: Operator;
}

const key = 'parley.session';

/** Reads the session of this tab, or null when none (or an unreadable one) is stored. */
export function loadSession(storage: Storage): StoredSession | null {
  try {
    const value = JSON.parse(storage.getItem(key) ?? 'null') as StoredSession | null;
    return value && typeof value.token === 'string' && value.operator ? value : null;
  } catch {
    return null;
  }
}

/** Keeps the session for this tab only: sessionStorage ends with the tab, unlike localStorage. */
export function saveSession(storage: Storage, session: StoredSession): void {
  storage.setItem(key, JSON.stringify(session));
}

/** Forgets the session (sign-out, or a 401 from the node). */
export function clearSession(storage: Storage): void {
  storage.removeItem(key);
}
