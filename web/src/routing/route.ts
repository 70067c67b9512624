/** The console's pages, as named by the hash part of the URL (`#/inbox`, `#/thread/ID`, …). */
export type Route =
  | { page: 'inbox' }
  | { page: 'thread'; threadId: string }
  | { page: 'compose'; replyTo?: string }
  | { page: 'directory' }
  | { page: 'agreements' }
  | { page: 'review' }
  | { page: 'not-found'; hash: string };

/** Reads a location hash; an empty hash is the inbox, the landing page of a duty officer. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '' || path === '/') return { page: 'inbox' };
  const [, first = '', ...rest] = path.split('/');
  const tail = rest.join('/');
  switch (first) {
    case 'inbox':
    case 'directory':
    case 'agreements':
    case 'review':
      if (tail === '') return { page: first };
      break;
    case 'thread':
      if (tail !== '') return { page: 'thread', threadId: decodeURIComponent(tail) };
      break;
    case 'compose':
      return tail === '' ? { page: 'compose' } : { page: 'compose', replyTo: decodeURIComponent(tail) };
  }
  return { page: 'not-found', hash };
}

/** The hash that leads to a route; the inverse of parseRoute. */
export function routeHref(route: Route): string {
  switch (route.page) {
    case 'thread':
      return `#/thread/${encodeURIComponent(route.threadId)}`;
    case 'compose':
      return route.replyTo ? `#/compose/${encodeURIComponent(route.replyTo)}` : '#/compose';
    case 'not-found':
      return route.hash;
    default:
      return `#/${route.page}`;
  }
}
