import type { StixObject } from '../api/types.ts';
import { describeStixObject } from '../stix/describe-stix-object.ts';

/** One evidence object, readable: type, name and the fields that matter for its type. */
export function StixObjectCard({ object }: { object: StixObject }) {
  const view = describeStixObject(object);
  return (
    <article class={`stix-card stix-${view.type}`} aria-label={`${view.typeLabel}: ${view.title}`}>
      <header>
        <span class="stix-type">{view.typeLabel}</span> <strong>{view.title}</strong>
      </header>
      <dl>
        {view.fields.map((field) => (
          <div key={field.label} class={field.code ? 'field-code' : undefined}>
            <dt>{field.label}</dt>
            <dd>{field.code ? <code>{field.value}</code> : field.value}</dd>
          </div>
        ))}
      </dl>
      <p class="stix-id">{view.id}</p>
    </article>
  );
}
