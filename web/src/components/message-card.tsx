import type { MessageView, ParleyMessage } from '../api/types.ts';
import { formatUtc } from '../time/countdown.ts';
import { PriorityBadge } from './priority-badge.tsx';
import { StixObjectCard } from './stix-object-card.tsx';
import { TlpBadge } from './tlp-badge.tsx';

/** The kind-specific fields of a message, in the order an officer reads them. */
const kindFields: readonly [keyof ParleyMessage, string][] = [
  ['sector', 'Sector'],
  ['severity', 'Severity'],
  ['incident', 'Incident'],
  ['request_type', 'Request type'],
  ['asked_action', 'Asked'],
  ['planned_start', 'Planned start'],
  ['planned_end', 'Planned end'],
  ['findings', 'Findings'],
  ['actions_taken', 'Actions taken'],
  ['outcome', 'Outcome'],
];

/** Shortens a hash for display, keeping enough to compare by eye with another node's checkpoint. */
export function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 8)}…${hash.slice(-8)}` : hash;
}

/** One message of a thread's timeline with its signature, receipt, checkpoint and evidence. */
export function MessageCard({ view, partyName }: { view: MessageView; partyName: (id: string) => string }) {
  const m = view.message;
  const { receipt, delivery } = view;
  return (
    <article class={`message message-${view.direction}`} aria-labelledby={`msg-${m.id}`}>
      <header>
        <h3 id={`msg-${m.id}`}>
          <span class="kind">{m.kind}</span> {view.direction === 'sent' ? 'to' : 'from'}{' '}
          {view.direction === 'sent' ? m.recipient_refs.map(partyName).join(', ') : partyName(m.sender_ref)}
        </h3>
        <p class="meta">
          <time dateTime={m.created}>{formatUtc(m.created)}</time> <PriorityBadge priority={m.priority} /> <TlpBadge tlp={m.tlp} />
          {m.language ? <span class="lang"> {m.language}</span> : null}{' '}
          {view.signature_verified
            ? <span class="mark mark-ok">✔ signature verified</span>
            : <span class="mark mark-bad">✘ signature NOT verified</span>}
        </p>
      </header>
      {m.subject ? <p class="subject"><strong>{m.subject}</strong></p> : null}
      <dl class="kind-fields">
        {kindFields.filter(([key]) => m[key] !== undefined && m[key] !== '').map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{key === 'planned_start' || key === 'planned_end' ? formatUtc(String(m[key])) : String(m[key])}</dd>
          </div>
        ))}
      </dl>
      {m.body ? <p class="body">{m.body}</p> : null}
      {receipt ? (
        <details class="receipt">
          <summary>
            Receipt {formatUtc(receipt.received_at)} · log entry {receipt.leaf_index} ·{' '}
            {receipt.inclusion_verified ? <span class="mark mark-ok">✔ inclusion verified</span> : <span class="mark mark-bad">✘ inclusion not verified</span>}
          </summary>
          <dl>
            <div><dt>Checkpoint origin</dt><dd>{receipt.checkpoint.origin}</dd></div>
            <div><dt>Tree size</dt><dd>{receipt.checkpoint.tree_size}</dd></div>
            <div><dt>Root hash</dt><dd><code title={receipt.checkpoint.root_hash}>{shortHash(receipt.checkpoint.root_hash)}</code></dd></div>
            <div><dt>Checkpoint time</dt><dd>{formatUtc(receipt.checkpoint.timestamp)}</dd></div>
          </dl>
        </details>
      ) : view.direction === 'sent' ? <p class="muted">No receipt from the counterpart yet.</p> : null}
      {delivery ? (
        <p class={delivery.state === 'delivered' ? 'delivery' : 'delivery delivery-problem'}>
          Delivery: {delivery.state}{delivery.attempts > 1 ? ` after ${delivery.attempts} attempts` : ''}
          {delivery.last_error ? ` — ${delivery.last_error}` : ''}
        </p>
      ) : null}
      {view.evidence.length > 0 ? (
        <details class="evidence" open={view.evidence.length <= 6}>
          <summary>{view.evidence.length} evidence object{view.evidence.length === 1 ? '' : 's'}</summary>
          <div class="stix-cards">
            {view.evidence.filter((o) => o.type !== 'relationship').map((object) => <StixObjectCard key={object.id} object={object} />)}
          </div>
        </details>
      ) : null}
    </article>
  );
}
