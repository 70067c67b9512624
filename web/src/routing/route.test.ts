import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from './route.ts';

describe('parseRoute', () => {
  it('lands on the inbox without a hash', () => {
    expect(parseRoute('')).toEqual({ page: 'inbox' });
    expect(parseRoute('#/')).toEqual({ page: 'inbox' });
  });
  it('reads each page and the thread id', () => {
    expect(parseRoute('#/directory')).toEqual({ page: 'directory' });
    expect(parseRoute('#/thread/thread--4a7c%2Fx')).toEqual({ page: 'thread', threadId: 'thread--4a7c/x' });
    expect(parseRoute('#/compose')).toEqual({ page: 'compose' });
  });
  it('names unknown hashes as not found', () => {
    expect(parseRoute('#/thread')).toEqual({ page: 'not-found', hash: '#/thread' });
    expect(parseRoute('#/inbox/extra')).toEqual({ page: 'not-found', hash: '#/inbox/extra' });
    expect(parseRoute('#/nowhere')).toEqual({ page: 'not-found', hash: '#/nowhere' });
  });
  it('round-trips through routeHref', () => {
    const routes: Route[] = [{ page: 'inbox' }, { page: 'review' }, { page: 'thread', threadId: 'a b/c' }, { page: 'compose', replyTo: 'x' }];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
  });
});
