import { useEffect, useMemo, useState } from 'preact/hooks';
import { createApiClient } from './api/api-client.ts';
import { clearSession, loadSession, saveSession, type StoredSession } from './api/session-store.ts';
import { useNow } from './components/use-now.ts';
import { AgreementsPage } from './pages/agreements-page.tsx';
import { ComposePage } from './pages/compose-page.tsx';
import { DirectoryPage } from './pages/directory-page.tsx';
import { InboxPage } from './pages/inbox-page.tsx';
import { ReviewPage } from './pages/review-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { ThreadPage } from './pages/thread-page.tsx';
import { parseRoute, routeHref, type Route } from './routing/route.ts';

const navigation: readonly { route: Route; label: string }[] = Object.freeze([
  { route: { page: 'inbox' }, label: 'Inbox' },
  { route: { page: 'compose' }, label: 'New message' },
  { route: { page: 'directory' }, label: 'Directory' },
  { route: { page: 'agreements' }, label: 'Agreements' },
  { route: { page: 'review' }, label: 'Review' },
]);

/** Follows the location hash, so each page has an address the node can serve as `index.html` from `/`. */
function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return route;
}

/** Moves focus into the page itself, past the header's links. */
function skipToMain(event: Event): void {
  event.preventDefault();
  const main = document.getElementById('main');
  if (main) {
    main.tabIndex = -1;
    main.focus();
  }
}

/** The console: sign-in until a session exists, then the page the hash names, under a shared header. */
export function App() {
  const [session, setSession] = useState<StoredSession | null>(() => loadSession(sessionStorage));
  const route = useRoute();
  const now = useNow();
  const api = useMemo(
    () => createApiClient({ base: '', token: session?.token ?? null, onUnauthorized: () => (clearSession(sessionStorage), setSession(null)) }),
    [session],
  );
  useEffect(() => {
    // Move focus to the new page's heading so keyboard and screen-reader users start at its top.
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [route]);

  if (!session) {
    return <SignInPage api={api} onSignedIn={(answer) => (saveSession(sessionStorage, answer), setSession(answer))} />;
  }
  async function signOut(): Promise<void> {
    // Revoke the token on the node first; the tab forgets it whatever the answer (a 401 means it is gone already).
    await api.delete('/api/session').catch(() => undefined);
    clearSession(sessionStorage);
    setSession(null);
  }
  const current = route.page === 'thread' ? 'inbox' : route.page;
  return (
    <>
      <a class="skip-link" href="#main" onClick={skipToMain}>Skip to content</a>
      <header class="top">
        <strong class="brand">Parley</strong>
        <nav aria-label="Pages">
          <ul>
            {navigation.map(({ route: target, label }) => (
              <li key={label}>
                <a href={routeHref(target)} aria-current={current === target.page ? 'page' : undefined}>{label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="operator">{session.operator.name} ({session.operator.role})</span>
        <button type="button" onClick={signOut}>Sign out</button>
      </header>
      {route.page === 'inbox' ? <InboxPage api={api} now={now} /> : null}
      {route.page === 'thread' ? <ThreadPage key={route.threadId} api={api} now={now} threadId={route.threadId} /> : null}
      {route.page === 'compose' ? <ComposePage api={api} threadId={route.replyTo} /> : null}
      {route.page === 'directory' ? <DirectoryPage api={api} /> : null}
      {route.page === 'agreements' ? <AgreementsPage api={api} /> : null}
      {route.page === 'review' ? <ReviewPage api={api} /> : null}
      {route.page === 'not-found' ? (
        <main id="main"><h1>No such page</h1><p>Nothing lives at <code>{route.hash}</code>. <a href={routeHref({ page: 'inbox' })}>Go to the inbox</a>.</p></main>
      ) : null}
    </>
  );
}
