// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { clearSession, loadSession, saveSession } from './session-store.ts';

describe('session store', () => {
  beforeEach(() => sessionStorage.clear());
  it('keeps the token and operator in sessionStorage', () => {
    saveSession(sessionStorage, { token: 't0k', operator: { name: 'ana', role: 'duty-officer' } });
    expect(sessionStorage.getItem('parley.session')).toContain('t0k');
    expect(loadSession(sessionStorage)).toEqual({ token: 't0k', operator: { name: 'ana', role: 'duty-officer' } });
    clearSession(sessionStorage);
    expect(loadSession(sessionStorage)).toBeNull();
  });
  it('ignores an unreadable entry', () => {
    sessionStorage.setItem('parley.session', '{oops');
    expect(loadSession(sessionStorage)).toBeNull();
  });
});
