import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.ts';
import type { ApiError } from '../api/api-error.ts';
import type { AgreementView, MessageView, PartyView } from '../api/types.ts';
import { buildComposeRequest, composeKinds, eligibleRecipients, priorities, requestTypes, severities, tlps, type ComposeForm } from '../compose/compose-form.ts';
import { ErrorNotice, Loading } from '../components/error-notice.tsx';
import { EvidencePicker } from '../components/evidence-picker.tsx';
import { useApiData } from '../components/use-api-data.ts';
import { routeHref } from '../routing/route.ts';

const blank: ComposeForm = Object.freeze({
  kind: 'notification', to: [], threadId: '', priority: 'routine', tlp: 'amber', language: 'en', subject: '', body: '',
  sector: '', severity: '', incident: '', requestType: '', askedAction: '', plannedStart: '', plannedEnd: '', evidence: [],
}) as ComposeForm;

/** A new message: one form whose fields follow the chosen kind, to parties of the agreements in force. */
export function ComposePage({ api, threadId }: { api: ApiClient; threadId?: string }) {
  const agreements = useApiData<AgreementView[]>(api, '/api/agreements');
  const parties = useApiData<PartyView[]>(api, '/api/parties');
  const [form, setForm] = useState<ComposeForm>({ ...blank, threadId: threadId ?? '' });
  const [problem, setProblem] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  // The first agreement in force sets the default marking and language once it has loaded.
  useEffect(() => {
    const rules = agreements.data?.find((a) => a.in_force)?.rules;
    if (rules) setForm((f) => ({ ...f, tlp: rules.default_tlp, language: rules.languages[0] ?? f.language }));
  }, [agreements.data]);
  if (agreements.error || parties.error) return <main id="main"><h1>New message</h1><ErrorNotice error={agreements.error ?? parties.error} what="Recipients could not be loaded" /></main>;
  if (!agreements.data || !parties.data) return <main id="main"><h1>New message</h1><Loading what="agreements and parties" /></main>;
  const recipients = eligibleRecipients(agreements.data, parties.data, form.kind);
  const inForce = agreements.data.filter((a) => a.in_force);
  const sectors = [...new Set(inForce.flatMap((a) => a.protected_sectors))];
  const languages = [...new Set(inForce.flatMap((a) => a.rules.languages))];
  const text = (name: keyof ComposeForm) => (e: Event) => setForm({ ...form, [name]: (e.currentTarget as HTMLInputElement).value });
  const toggle = (id: string) => setForm({ ...form, to: form.to.includes(id) ? form.to.filter((t) => t !== id) : [...form.to, id] });

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    // A recipient ticked under another kind stays out if the agreements do not allow this kind with them.
    const allowed = new Set(recipients.map((p) => p.id));
    const to = form.to.filter((id) => allowed.has(id));
    const check = buildComposeRequest({ ...form, to });
    if (!check.ok) return setProblem(check.error);
    setProblem(null);
    setBusy(true);
    try {
      const sent = form.kind === 'ping'
        ? await Promise.all(to.map((id) => api.post<MessageView>(`/api/parties/${encodeURIComponent(id)}/ping`)))
        : [await api.post<MessageView>('/api/messages', check.request)];
      location.hash = routeHref({ page: 'thread', threadId: sent[0].message.thread_id });
    } catch (failure) {
      setProblem(failure as ApiError);
      setBusy(false);
    }
  }

  return (
    <main id="main">
      <h1>New message{threadId ? ' in thread' : ''}</h1>
      <form class="compose" onSubmit={submit} noValidate>
        <div class="row">
          <label>
            Kind
            <select value={form.kind} onChange={text('kind')}>
              {composeKinds.map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
          </label>
          {form.kind !== 'ping' ? (
            <>
              <label>Priority<select value={form.priority} onChange={text('priority')}>{priorities.map((p) => <option key={p} value={p}>{p}</option>)}</select></label>
              <label>TLP<select value={form.tlp} onChange={text('tlp')}>{tlps.map((t) => <option key={t} value={t}>TLP:{t.toUpperCase()}</option>)}</select></label>
              <label>Language<input value={form.language} onInput={text('language')} list="languages" size={6} /></label>
              <datalist id="languages">{languages.map((l) => <option key={l} value={l} />)}</datalist>
            </>
          ) : null}
        </div>
        <fieldset>
          <legend>Recipients (parties of agreements in force that allow a {form.kind})</legend>
          {recipients.length === 0 ? <p class="muted">No agreement in force lets you send a {form.kind} to another party.</p> : null}
          {recipients.map((p) => (
            <label key={p.id} class="check">
              <input type="checkbox" checked={form.to.includes(p.id)} onChange={() => toggle(p.id)} />
              {p.name}{p.dormant ? <span class="flag flag-dormant">dormant</span> : null}
            </label>
          ))}
        </fieldset>
        {form.kind !== 'ping' ? <label>Subject<input value={form.subject} onInput={text('subject')} required /></label> : <p class="muted">A ping is a communication check: it carries no text, and the counterpart is expected to answer it.</p>}
        {form.kind === 'notification' ? (
          <div class="row">
            <label>Sector<input value={form.sector} onInput={text('sector')} list="sectors" required /></label>
            <datalist id="sectors">{sectors.map((s) => <option key={s} value={s} />)}</datalist>
            <label>Severity<select value={form.severity} onChange={text('severity')} required><option value="">— choose —</option>{severities.map((s) => <option key={s} value={s}>{s}</option>)}</select></label>
          </div>
        ) : null}
        {form.kind === 'notification' ? <label>Incident summary<textarea rows={3} value={form.incident} onInput={text('incident')} required /></label> : null}
        {form.kind === 'request' ? (
          <>
            <fieldset>
              <legend>Request type</legend>
              {requestTypes.map((t) => (
                <label key={t} class="check"><input type="radio" name="request_type" value={t} checked={form.requestType === t} onChange={text('requestType')} />{t}</label>
              ))}
            </fieldset>
            <label>What exactly is asked<textarea rows={3} value={form.askedAction} onInput={text('askedAction')} required /></label>
          </>
        ) : null}
        {form.kind === 'advance-notice' ? (
          <div class="row">
            <label>Planned start (your local time)<input type="datetime-local" value={form.plannedStart} onInput={text('plannedStart')} required /></label>
            <label>Planned end (your local time)<input type="datetime-local" value={form.plannedEnd} onInput={text('plannedEnd')} required /></label>
          </div>
        ) : null}
        {form.kind !== 'ping' ? <label>Message<textarea rows={6} value={form.body} onInput={text('body')} /></label> : null}
        {form.kind !== 'ping' ? <EvidencePicker api={api} value={form.evidence} onChange={(evidence) => setForm({ ...form, evidence })} /> : null}
        <ErrorNotice error={problem} />
        <div class="button-row">
          <button type="submit" class="primary" disabled={busy}>{busy ? 'Sending…' : form.kind === 'ping' ? 'Send ping' : 'Sign and send'}</button>
          <a class="button" href={routeHref({ page: 'inbox' })}>Cancel</a>
        </div>
      </form>
    </main>
  );
}
