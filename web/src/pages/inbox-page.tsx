import type { ApiClient } from '../api/api-client.ts';
import type { ThreadSummary } from '../api/types.ts';
import { CountdownLabel } from '../components/countdown-label.tsx';
import { ErrorNotice, Loading } from '../components/error-notice.tsx';
import { PriorityBadge } from '../components/priority-badge.tsx';
import { TlpBadge } from '../components/tlp-badge.tsx';
import { useApiData } from '../components/use-api-data.ts';
import { useRefreshEvery } from '../components/use-refresh-every.ts';
import { routeHref } from '../routing/route.ts';
import { formatUtc } from '../time/countdown.ts';
import { isOverdue, sortByUrgency } from '../time/urgency.ts';

const refreshMs = 30_000;

/** Threads, most urgent first, each with a countdown to its next deadline that ticks every second. */
export function InboxPage({ api, now }: { api: ApiClient; now: number }) {
  const threads = useApiData<ThreadSummary[]>(api, '/api/threads');
  useRefreshEvery(threads.reload, refreshMs);
  const sorted = threads.data ? sortByUrgency(threads.data, now) : [];
  const overdue = sorted.filter((t) => isOverdue(t, now)).length;
  return (
    <main id="main">
      <div class="page-head">
        <h1>Inbox</h1>
        <p class="summary" aria-live="polite">
          {threads.data ? `${sorted.length} threads` : ''}
          {overdue > 0 ? <strong class="overdue"> · {overdue} overdue</strong> : null}
        </p>
        <button type="button" onClick={threads.reload}>Refresh</button>
        <a class="button primary" href={routeHref({ page: 'compose' })}>New message</a>
      </div>
      <ErrorNotice error={threads.error} what="Threads could not be loaded" />
      {threads.loading && !threads.data ? <Loading what="threads" /> : null}
      {threads.data && sorted.length === 0 ? <p class="notice">No threads yet.</p> : null}
      {sorted.length > 0 ? (
        <div class="table-scroll" role="region" aria-label="Threads" tabIndex={0}>
        <table class="inbox">
          <caption class="visually-hidden">Threads sorted by urgency</caption>
          <thead>
            <tr>
              <th scope="col">Next deadline</th>
              <th scope="col">Subject</th>
              <th scope="col">TLP</th>
              <th scope="col">Priority</th>
              <th scope="col">Kind</th>
              <th scope="col">Counterpart</th>
              <th scope="col">State</th>
              <th scope="col">Last activity</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((thread) => (
              <tr key={thread.thread_id} class={isOverdue(thread, now) ? 'row-overdue' : undefined}>
                <td>
                  {thread.next_deadline ? <CountdownLabel due={thread.next_deadline.due} now={now} label={thread.next_deadline.label} /> : <span class="muted">none</span>}
                </td>
                <td>
                  <a href={routeHref({ page: 'thread', threadId: thread.thread_id })}>{thread.subject || '(no subject)'}</a>
                  <span class="muted"> ({thread.message_count})</span>
                </td>
                <td><TlpBadge tlp={thread.tlp} /></td>
                <td><PriorityBadge priority={thread.priority} /></td>
                <td>{thread.kind}</td>
                <td>{thread.counterpart.name}</td>
                <td>{thread.state}</td>
                <td>{formatUtc(thread.last_activity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      ) : null}
    </main>
  );
}
