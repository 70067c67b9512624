import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.ts';
import type { PartyView, ReviewReport } from '../api/types.ts';
import { BarChart } from '../charts/bar-chart.tsx';
import { durationAxis } from '../charts/chart-scale.ts';
import { LineChart } from '../charts/line-chart.tsx';
import { ErrorNotice, Loading } from '../components/error-notice.tsx';
import { useApiData } from '../components/use-api-data.ts';
import { periodPresets, reviewPath, reviewPeriod, type PeriodPreset } from '../review/review-period.ts';
import { formatDuration, formatUtc } from '../time/countdown.ts';

const presetLabels: Readonly<Record<PeriodPreset, string>> = Object.freeze({
  '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days', '365d': 'Last 12 months', custom: 'Custom dates',
});

/** The periodic review of an agreement: response times, deadlines and communication checks per counterpart. */
export function ReviewPage({ api }: { api: ApiClient }) {
  const [preset, setPreset] = useState<PeriodPreset>('30d');
  const [customFrom, setCustomFrom] = useState('');
  const [customTo, setCustomTo] = useState('');
  const [counterpart, setCounterpart] = useState('');
  // The period is fixed when the officer applies it, so the one-second clock does not refetch the report.
  const [applied, setApplied] = useState(() => reviewPeriod('30d', Date.now()));
  const parties = useApiData<PartyView[]>(api, '/api/parties');
  const report = useApiData<ReviewReport>(api, applied ? reviewPath(applied, counterpart) : null);

  function apply(event: Event): void {
    event.preventDefault();
    setApplied(reviewPeriod(preset, Date.now(), customFrom, customTo));
  }

  const data = report.data;
  return (
    <main id="main">
      <h1>Review</h1>
      <form class="row review-filter" onSubmit={apply}>
        <label>Period<select value={preset} onChange={(e) => setPreset(e.currentTarget.value as PeriodPreset)}>{periodPresets.map((p) => <option key={p} value={p}>{presetLabels[p]}</option>)}</select></label>
        {preset === 'custom' ? (
          <>
            <label>From (UTC)<input type="date" value={customFrom} onInput={(e) => setCustomFrom(e.currentTarget.value)} required /></label>
            <label>To (UTC)<input type="date" value={customTo} onInput={(e) => setCustomTo(e.currentTarget.value)} required /></label>
          </>
        ) : null}
        <label>
          Counterpart
          <select value={counterpart} onChange={(e) => setCounterpart(e.currentTarget.value)}>
            <option value="">All counterparts</option>
            {(parties.data ?? []).filter((p) => !p.is_self).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      {applied === null ? <ErrorNotice error="Choose a start date on or before the end date." /> : null}
      <ErrorNotice error={report.error} what="The review could not be loaded" />
      {report.loading && !data ? <Loading what="the review" /> : null}
      {data ? (
        <>
          <p class="meta">From {formatUtc(data.from)} to {formatUtc(data.to)}</p>
          {data.counterparts.length === 0 ? <p class="notice">No exchanges in this period.</p> : (
            <div class="charts">
              <BarChart
                title="Median time to acknowledge and to respond"
                series={['acknowledge', 'respond']}
                groups={data.counterparts.map((c) => ({ label: c.name, values: [c.acknowledge_seconds.median, c.respond_seconds.median] }))}
                format={formatDuration}
                axisFor={durationAxis}
              />
              <BarChart
                title="Deadlines met and missed"
                series={['met', 'missed', 'open']}
                groups={data.counterparts.map((c) => ({ label: c.name, values: [c.deadlines.met, c.deadlines.missed, c.deadlines.open] }))}
                format={String}
              />
              <BarChart
                title="Communication checks answered"
                series={['sent', 'answered']}
                groups={data.counterparts.map((c) => ({ label: c.name, values: [c.checks.sent, c.checks.answered] }))}
                format={String}
              />
            </div>
          )}
          {data.series.length > 0 ? (
            <LineChart
              title="Per day"
              labels={data.series.map((d) => d.day)}
              series={[
                { name: 'acknowledged', values: data.series.map((d) => d.acknowledged) },
                { name: 'answered', values: data.series.map((d) => d.answered) },
                { name: 'deadlines met', values: data.series.map((d) => d.met) },
                { name: 'deadlines missed', values: data.series.map((d) => d.missed) },
              ]}
            />
          ) : null}
          {data.counterparts.length > 0 ? (
            <table>
              <caption>Figures per counterpart</caption>
              <thead>
                <tr>
                  <th scope="col">Counterpart</th><th scope="col">Sent</th><th scope="col">Received</th>
                  <th scope="col">Acknowledge median / p90</th><th scope="col">Respond median / p90</th>
                  <th scope="col">Deadlines met / missed / open</th><th scope="col">Checks answered</th>
                </tr>
              </thead>
              <tbody>
                {data.counterparts.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.name}</th><td>{c.messages_sent}</td><td>{c.messages_received}</td>
                    <td>{formatDuration(c.acknowledge_seconds.median)} / {formatDuration(c.acknowledge_seconds.p90)}</td>
                    <td>{formatDuration(c.respond_seconds.median)} / {formatDuration(c.respond_seconds.p90)}</td>
                    <td>{c.deadlines.met} / {c.deadlines.missed} / {c.deadlines.open}</td>
                    <td>{c.checks.answered} of {c.checks.sent} ({Math.round(c.checks.rate * 100)}%)</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </main>
  );
}
