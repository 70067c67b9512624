import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.ts';
import type { ApiError } from '../api/api-error.ts';
import type { MessageView, PartyView } from '../api/types.ts';
import { ErrorNotice, Loading } from '../components/error-notice.tsx';
import { useApiData } from '../components/use-api-data.ts';
import { shortHash } from '../components/message-card.tsx';
import { routeHref } from '../routing/route.ts';
import { formatDuration, formatUtc } from '../time/countdown.ts';

/** One party: contacts, keys, node address and how it answers communication checks. */
function PartyCard({ party, onPing, pinging }: { party: PartyView; onPing: (id: string) => void; pinging: boolean }) {
  const checks = party.checks;
  return (
    <article class={party.dormant ? 'party dormant' : 'party'} aria-labelledby={`party-${party.id}`}>
      <header>
        <h2 id={`party-${party.id}`}>
          {party.name} {party.is_self ? <span class="flag flag-self">this node</span> : null}
          {party.dormant ? <span class="flag flag-dormant">dormant — unanswered checks</span> : null}
        </h2>
        <p class="meta">{party.identity_class}{party.sectors?.length ? ` · sectors: ${party.sectors.join(', ')}` : ''} · <code>{party.id}</code></p>
      </header>
      <dl class="inline">
        <div><dt>API root</dt><dd><code>{party.node.api_root}</code></dd></div>
        <div><dt>Inbox collection</dt><dd><code>{party.node.inbox_collection}</code></dd></div>
      </dl>
      <h3>Points of contact</h3>
      {party.points_of_contact.length === 0 ? <p class="muted">None listed.</p> : (
        <table>
          <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Languages</th><th scope="col">Hours</th><th scope="col">E-mail</th><th scope="col">Phone</th></tr></thead>
          <tbody>
            {party.points_of_contact.map((poc) => (
              <tr key={poc.name + poc.role}>
                <td>{poc.name}</td><td>{poc.role}</td><td>{poc.languages.join(', ')}</td><td>{poc.hours} ({poc.time_zone})</td>
                <td><a href={`mailto:${poc.email}`}>{poc.email}</a></td><td><a href={`tel:${poc.phone.replace(/\s+/g, '')}`}>{poc.phone}</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Signing keys</h3>
      <ul class="keys">
        {party.keys.map((key) => (
          <li key={key.key_id}><code title={key.public_key}>{key.key_id}: {shortHash(key.public_key)}</code> valid {formatUtc(key.valid_from)} – {key.valid_until ? formatUtc(key.valid_until) : 'open'}</li>
        ))}
      </ul>
      {party.is_self ? null : (
        <>
          <h3>Communication checks</h3>
          <p>
            {checks.answered} of {checks.sent} answered ({Math.round(checks.response_rate * 100)}%) · median answer {formatDuration(checks.median_answer_seconds)} ·
            last sent {formatUtc(checks.last_sent_at)} · last answered {formatUtc(checks.last_answered_at)}
          </p>
          {checks.history?.length ? (
            <ul class="check-history" aria-label="Check history, newest first">
              {[...checks.history].reverse().slice(0, 12).map((c) => (
                <li key={c.sent_at} class={c.answered_at ? 'answered' : 'unanswered'}>
                  {formatUtc(c.sent_at)}: {c.answered_at ? `answered after ${formatDuration((Date.parse(c.answered_at) - Date.parse(c.sent_at)) / 1000)}` : 'not answered'}
                </li>
              ))}
            </ul>
          ) : null}
          <button type="button" onClick={() => onPing(party.id)} disabled={pinging}>{pinging ? 'Pinging…' : `Ping ${party.name}`}</button>
        </>
      )}
    </article>
  );
}

/** The directory of parties with dormant counterparts flagged and a ping button for a communication check. */
export function DirectoryPage({ api }: { api: ApiClient }) {
  const parties = useApiData<PartyView[]>(api, '/api/parties');
  const [pinging, setPinging] = useState<string | null>(null);
  const [pinged, setPinged] = useState<MessageView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  async function ping(id: string): Promise<void> {
    setPinging(id);
    setError(null);
    try {
      setPinged(await api.post<MessageView>(`/api/parties/${encodeURIComponent(id)}/ping`));
      parties.reload();
    } catch (failure) {
      setError(failure as ApiError);
    } finally {
      setPinging(null);
    }
  }
  const list = [...(parties.data ?? [])].sort((a, b) => Number(b.is_self) - Number(a.is_self) || Number(b.dormant) - Number(a.dormant) || a.name.localeCompare(b.name));
  const dormant = list.filter((p) => p.dormant).length;
  return (
    <main id="main">
      <div class="page-head">
        <h1>Directory</h1>
        <p class="summary">{parties.data ? `${list.length} parties` : ''}{dormant ? <strong class="overdue"> · {dormant} dormant</strong> : null}</p>
      </div>
      <ErrorNotice error={parties.error ?? error} what="Directory" />
      {pinged ? <p class="notice" role="status">Ping sent. <a href={routeHref({ page: 'thread', threadId: pinged.message.thread_id })}>Open its thread</a></p> : null}
      {parties.loading && !parties.data ? <Loading what="parties" /> : null}
      {list.map((party) => <PartyCard key={party.id} party={party} onPing={ping} pinging={pinging === party.id} />)}
    </main>
  );
}
