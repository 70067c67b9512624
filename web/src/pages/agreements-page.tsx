import type { ApiClient } from '../api/api-client.ts';
import type { AgreementView } from '../api/types.ts';
import { ErrorNotice, Loading } from '../components/error-notice.tsx';
import { TlpBadge } from '../components/tlp-badge.tsx';
import { useApiData } from '../components/use-api-data.ts';
import { formatDuration, formatUtc } from '../time/countdown.ts';

/** One agreement: who signed, what it commits to, which sectors it protects and its deadlines. */
function AgreementCard({ agreement }: { agreement: AgreementView }) {
  const names = new Map(agreement.parties.map((p) => [p.id, p.name]));
  const rules = agreement.rules;
  return (
    <article class="agreement" aria-labelledby={`agreement-${agreement.id}`}>
      <header>
        <h2 id={`agreement-${agreement.id}`}>
          {agreement.title} <span class="muted">v{agreement.version}</span>{' '}
          {agreement.in_force ? <span class="flag flag-ok">in force</span> : <span class="flag flag-dormant">not in force</span>}
        </h2>
        <p class="meta">Parties: {agreement.parties.map((p) => p.name).join(', ')} · <code>{agreement.id}</code></p>
      </header>
      <h3>Commitments</h3>
      <ul>
        {(agreement.commitments ?? []).map((c) => <li key={c}>{c}</li>)}
        <li>Message kinds: {rules.kinds.join(', ')}</li>
        <li>Default marking <TlpBadge tlp={rules.default_tlp} />; languages: {rules.languages.join(', ')}</li>
        <li>Communication check every {formatDuration(rules.check_interval_seconds)}</li>
      </ul>
      <h3>Protected sectors</h3>
      <p>{agreement.protected_sectors.length ? agreement.protected_sectors.join(', ') : <span class="muted">none</span>}</p>
      <h3>Deadlines</h3>
      <table>
        <thead><tr><th scope="col">Kind</th><th scope="col">Priority</th><th scope="col">Acknowledge within</th><th scope="col">Respond within</th></tr></thead>
        <tbody>
          {rules.deadlines.map((d) => (
            <tr key={d.kind + d.priority}><td>{d.kind}</td><td>{d.priority}</td><td>{formatDuration(d.acknowledge_seconds)}</td><td>{formatDuration(d.respond_seconds)}</td></tr>
          ))}
        </tbody>
      </table>
      <h3>Signatures</h3>
      <table>
        <thead><tr><th scope="col">Party</th><th scope="col">Signed</th><th scope="col">Key</th><th scope="col">Verified</th></tr></thead>
        <tbody>
          {agreement.signatures.map((s) => (
            <tr key={s.party_id + s.key_id}>
              <td>{names.get(s.party_id) ?? s.party_id}</td><td>{formatUtc(s.signed_at)}</td><td><code>{s.key_id}</code></td>
              <td>{s.verified ? <span class="mark mark-ok">✔ verified</span> : <span class="mark mark-bad">✘ not verified</span>}</td>
            </tr>
          ))}
          {agreement.parties.filter((p) => !agreement.signatures.some((s) => s.party_id === p.id)).map((p) => (
            <tr key={p.id}><td>{p.name}</td><td colSpan={3}><span class="mark mark-bad">not signed</span></td></tr>
          ))}
        </tbody>
      </table>
      <h3>Versions</h3>
      <ul class="versions">
        {agreement.versions.map((v) => <li key={v.version}>v{v.version}, {formatUtc(v.modified)}{v.in_force ? ' — in force' : ''}</li>)}
      </ul>
    </article>
  );
}

/** Every agreement this node is party to, those in force first. */
export function AgreementsPage({ api }: { api: ApiClient }) {
  const agreements = useApiData<AgreementView[]>(api, '/api/agreements');
  const list = [...(agreements.data ?? [])].sort((a, b) => Number(b.in_force) - Number(a.in_force) || a.title.localeCompare(b.title));
  return (
    <main id="main">
      <h1>Agreements</h1>
      <ErrorNotice error={agreements.error} what="Agreements could not be loaded" />
      {agreements.loading && !agreements.data ? <Loading what="agreements" /> : null}
      {agreements.data && list.length === 0 ? <p class="notice">No agreements yet.</p> : null}
      {list.map((a) => <AgreementCard key={a.id + a.version} agreement={a} />)}
    </main>
  );
}
