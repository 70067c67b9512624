import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.ts';
import type { ApiError } from '../api/api-error.ts';
import type { MessageView } from '../api/types.ts';
import type { PickedEvidence } from '../stix/evidence-selection.ts';
import { evidencePayload } from '../stix/evidence-selection.ts';
import { ErrorNotice } from './error-notice.tsx';
import { EvidencePicker } from './evidence-picker.tsx';

type Action = 'acknowledge' | 'respond' | 'consult' | 'close';

const actionLabels: Readonly<Record<Action, string>> = Object.freeze({
  acknowledge: 'Acknowledge',
  respond: 'Respond',
  consult: 'Request consultation',
  close: 'Close thread',
});

interface ThreadActionsProps {
  api: ApiClient;
  messages: MessageView[];
  closed: boolean;
  onDone: () => void;
}

/** The answers an officer gives in a thread; each posts to `/api/messages/:id/<action>` for the chosen message. */
export function ThreadActions({ api, messages, closed, onDone }: ThreadActionsProps) {
  const received = messages.filter((m) => m.direction === 'received');
  const fallback = received.at(-1) ?? messages.at(-1);
  const [targetId, setTargetId] = useState(fallback?.message.id ?? '');
  const [action, setAction] = useState<Action | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [evidence, setEvidence] = useState<PickedEvidence[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!fallback) return null;
  const target = messages.find((m) => m.message.id === targetId) ?? fallback;
  const field = (name: string) => fields[name] ?? '';
  const set = (name: string) => (e: Event) => setFields({ ...fields, [name]: (e.currentTarget as HTMLInputElement).value });

  function open(next: Action): void {
    setAction(action === next ? null : next);
    setFields({});
    setEvidence([]);
    setError(null);
  }

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (!action) return;
    const body: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) if (value.trim() !== '') body[name] = value.trim();
    if (action === 'respond' && evidence.length > 0) body.evidence = evidencePayload(evidence, false).evidence;
    setBusy(true);
    try {
      await api.post(`/api/messages/${encodeURIComponent(target.message.id)}/${action}`, body);
      setAction(null);
      onDone();
    } catch (failure) {
      setError(failure as ApiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="thread-actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      <label>
        Answer to
        <select value={target.message.id} onChange={(e) => setTargetId(e.currentTarget.value)}>
          {messages.map((m) => (
            <option key={m.message.id} value={m.message.id}>
              {m.message.kind} {m.direction} {m.message.created.slice(0, 16).replace('T', ' ')}
            </option>
          ))}
        </select>
      </label>
      <div class="button-row" role="group" aria-label="Thread actions">
        {(Object.keys(actionLabels) as Action[]).map((a) => (
          <button key={a} type="button" aria-expanded={action === a} disabled={closed && a !== 'consult'} onClick={() => open(a)}>
            {actionLabels[a]}
          </button>
        ))}
      </div>
      {action ? (
        <form class="action-form" onSubmit={submit}>
          <h3>{actionLabels[action]}</h3>
          {action === 'consult' ? <label>Subject<input value={field('subject')} onInput={set('subject')} /></label> : null}
          {action === 'close' ? <label>Outcome<input required value={field('outcome')} onInput={set('outcome')} placeholder="e.g. resolved, no further action" /></label> : null}
          {action === 'respond' ? (
            <>
              <label>Findings<textarea rows={3} value={field('findings')} onInput={set('findings')} /></label>
              <label>Actions taken<textarea rows={3} value={field('actions_taken')} onInput={set('actions_taken')} /></label>
            </>
          ) : null}
          <label>
            {action === 'acknowledge' || action === 'close' ? 'Message (optional)' : 'Message'}
            <textarea rows={4} required={action === 'respond' || action === 'consult'} value={field('body')} onInput={set('body')} />
          </label>
          {action === 'respond' ? <EvidencePicker api={api} value={evidence} onChange={setEvidence} /> : null}
          <ErrorNotice error={error} what={`${actionLabels[action]} failed`} />
          <div class="button-row">
            <button type="submit" class="primary" disabled={busy}>{busy ? 'Sending…' : `Send ${actionLabels[action].toLowerCase()}`}</button>
            <button type="button" onClick={() => setAction(null)}>Cancel</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
