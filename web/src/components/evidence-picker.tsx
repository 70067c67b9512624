import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.ts';
import type { CollectionInfo, StixObject } from '../api/types.ts';
import { stixTitle, typeLabel } from '../stix/describe-stix-object.ts';
import { addEvidence, type PickedEvidence } from '../stix/evidence-selection.ts';
import { parseStixBundle } from '../stix/parse-bundle.ts';
import { ErrorNotice } from './error-notice.tsx';
import { useApiData } from './use-api-data.ts';

interface EvidencePickerProps {
  api: ApiClient;
  value: PickedEvidence[];
  onChange: (value: PickedEvidence[]) => void;
}

/** Evidence for a message: a STIX bundle file read in the browser, or objects picked from the node's collections. */
export function EvidencePicker({ api, value, onChange }: EvidencePickerProps) {
  const [fileError, setFileError] = useState<string | null>(null);
  const [collectionId, setCollectionId] = useState('');
  const [type, setType] = useState('');
  const collections = useApiData<CollectionInfo[]>(api, '/api/collections');
  const query = collectionId ? `/api/collections/${encodeURIComponent(collectionId)}/objects?limit=200${type ? `&type=${encodeURIComponent(type)}` : ''}` : null;
  const objects = useApiData<StixObject[]>(api, query);

  async function readFile(event: Event): Promise<void> {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const result = parseStixBundle(await file.text(), file.name);
    if (result.ok) {
      setFileError(null);
      onChange(addEvidence(value, result.objects, null));
    } else {
      setFileError(result.error);
    }
    input.value = '';
  }

  return (
    <fieldset class="evidence-picker">
      <legend>Evidence (STIX 2.1)</legend>
      <label>
        Attach a STIX bundle file
        <input type="file" accept=".json,application/json,application/stix+json" onChange={readFile} />
      </label>
      <ErrorNotice error={fileError} />
      <div class="row">
        <label>
          Or pick from a collection
          <select value={collectionId} onChange={(e) => setCollectionId(e.currentTarget.value)}>
            <option value="">— choose a collection —</option>
            {(collections.data ?? []).map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
          </select>
        </label>
        <label>
          Object type
          <input value={type} placeholder="any, e.g. indicator" onChange={(e) => setType(e.currentTarget.value.trim())} />
        </label>
      </div>
      <ErrorNotice error={collections.error ?? objects.error} what="Collections" />
      {collectionId && objects.data ? (
        <ul class="pick-list">
          {objects.data.length === 0 ? <li class="muted">No objects.</li> : null}
          {objects.data.map((object) => {
            const picked = value.some((p) => p.object.id === object.id);
            return (
              <li key={object.id}>
                <button type="button" disabled={picked} onClick={() => onChange(addEvidence(value, [object], collectionId))}>
                  {picked ? 'Attached' : 'Attach'}
                </button>{' '}
                {typeLabel(object.type)}: {stixTitle(object)}
              </li>
            );
          })}
        </ul>
      ) : null}
      {value.length > 0 ? (
        <>
          <p>{value.length} object{value.length === 1 ? '' : 's'} attached:</p>
          <ul class="pick-list">
            {value.map((p) => (
              <li key={p.object.id}>
                <button type="button" onClick={() => onChange(value.filter((q) => q.object.id !== p.object.id))} aria-label={`Remove ${stixTitle(p.object)}`}>
                  Remove
                </button>{' '}
                {typeLabel(p.object.type)}: {stixTitle(p.object)} <span class="muted">{p.collectionId ? `from ${p.collectionId}` : 'from file'}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </fieldset>
  );
}
