import type { ApiClient } from '../api/api-client.ts';
import type { PartyView, ThreadDetail } from '../api/types.ts';
import { CountdownLabel } from '../components/countdown-label.tsx';
import { ErrorNotice, Loading } from '../components/error-notice.tsx';
import { EvidenceGraphView } from '../components/evidence-graph-view.tsx';
import { MessageCard } from '../components/message-card.tsx';
import { PriorityBadge } from '../components/priority-badge.tsx';
import { ThreadActions } from '../components/thread-actions.tsx';
import { TlpBadge } from '../components/tlp-badge.tsx';
import { useApiData } from '../components/use-api-data.ts';
import { useRefreshEvery } from '../components/use-refresh-every.ts';
import { routeHref } from '../routing/route.ts';
import { formatUtc } from '../time/countdown.ts';

/** A thread's timeline, its deadlines, the graph of its evidence and the actions an officer can take. */
export function ThreadPage({ api, now, threadId }: { api: ApiClient; now: number; threadId: string }) {
  const detail = useApiData<ThreadDetail>(api, `/api/threads/${encodeURIComponent(threadId)}`);
  const parties = useApiData<PartyView[]>(api, '/api/parties');
  useRefreshEvery(detail.reload, 30_000);
  const names = new Map((parties.data ?? []).map((p) => [p.id, p.name]));
  const partyName = (id: string) => names.get(id) ?? id;
  if (detail.error) return <main id="main"><h1>Thread</h1><ErrorNotice error={detail.error} what="The thread could not be loaded" /></main>;
  if (!detail.data) return <main id="main"><h1>Thread</h1><Loading what="the thread" /></main>;
  const { thread, messages, deadlines } = detail.data;
  const evidence = messages.flatMap((m) => m.evidence);
  return (
    <main id="main">
      <p><a href={routeHref({ page: 'inbox' })}>← Inbox</a></p>
      <div class="page-head">
        <h1>{thread.subject || '(no subject)'}</h1>
        <p class="meta">
          {thread.kind} with {thread.counterpart.name} · <PriorityBadge priority={thread.priority} /> <TlpBadge tlp={thread.tlp} /> · {thread.state}
        </p>
        <button type="button" onClick={detail.reload}>Refresh</button>
        <a class="button" href={routeHref({ page: 'compose', replyTo: thread.thread_id })}>New message in this thread</a>
      </div>
      {deadlines.length > 0 ? (
        <section aria-labelledby="deadlines-heading">
          <h2 id="deadlines-heading">Deadlines</h2>
          <table>
            <thead><tr><th scope="col">Deadline</th><th scope="col">Kind</th><th scope="col">Due</th><th scope="col">State</th><th scope="col">Countdown</th></tr></thead>
            <tbody>
              {deadlines.map((d) => (
                <tr key={d.id}>
                  <td>{d.label}</td>
                  <td>{d.kind}</td>
                  <td>{formatUtc(d.due)}</td>
                  <td>{d.state}{d.met_at ? ` ${formatUtc(d.met_at)}` : ''}{d.escalated_at ? ` (escalated ${formatUtc(d.escalated_at)})` : ''}</td>
                  <td>{d.state === 'open' || d.state === 'overdue' ? <CountdownLabel due={d.due} now={now} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline ({messages.length})</h2>
        <ol class="timeline">
          {messages.map((view) => <li key={view.message.id}><MessageCard view={view} partyName={partyName} /></li>)}
        </ol>
      </section>
      {evidence.length > 0 ? (
        <section aria-labelledby="graph-heading">
          <h2 id="graph-heading">Evidence graph</h2>
          <EvidenceGraphView objects={evidence} />
        </section>
      ) : null}
      <ThreadActions key={thread.thread_id} api={api} messages={messages} closed={thread.state === 'closed'} onDone={detail.reload} />
    </main>
  );
}
