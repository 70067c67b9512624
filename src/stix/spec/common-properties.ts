import type { ObjectCheck, PropertySpecs, PropertyType } from './property-spec.ts';
import { atLeastOneOf, exactlyOneOf, timestampOrder } from './checks.ts';
import { boolean, dictionary, hashes, integer, list, object, optional, ref, refs, required, string, url } from './property-types.ts';

/** STIX 2.1 §2.12: an RFC 5646 language tag. */
export const languageTag: PropertyType = Object.freeze({ kind: 'string', pattern: /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/, patternHint: 'an RFC 5646 language tag such as "en" or "fr-CA"' });

const capecOrCve: ObjectCheck = (ref, report) => {
  // STIX 2.1 §2.5: CAPEC and CVE references carry their identifiers in external_id.
  const source = ref.source_name;
  const id = ref.external_id;
  if (source === 'capec' && !(typeof id === 'string' && /^CAPEC-\d+$/.test(id))) {
    report.error('$.external_id', 'a "capec" external reference needs external_id of the form CAPEC-<number>');
  } else if (source === 'cve' && !(typeof id === 'string' && /^CVE-\d{4}-\d{4,}$/.test(id))) {
    report.error('$.external_id', 'a "cve" external reference needs external_id of the form CVE-<year>-<number>');
  }
};

/** STIX 2.1 §2.5 external-reference. */
export const externalReference: PropertyType = object(
  {
    source_name: required(string),
    description: optional(string),
    url: optional(url),
    hashes: optional(hashes),
    external_id: optional(string),
  },
  [atLeastOneOf('description', 'url', 'external_id'), capecOrCve],
);

/** STIX 2.1 §7.2.3 granular-marking: exactly one of lang / marking_ref. */
export const granularMarking: PropertyType = object(
  {
    lang: optional(languageTag),
    marking_ref: optional(ref('marking-definition')),
    selectors: required(list(string)),
  },
  [exactlyOneOf('lang', 'marking_ref')],
);

/** STIX 2.1 §2.8 kill-chain-phase. */
export const killChainPhase: PropertyType = object({ kill_chain_name: required(string), phase_name: required(string) });

const specVersion: PropertyType = { kind: 'enum', values: ['2.1'] };
const millis: PropertyType = { kind: 'timestamp', precision: 'millisecond' };

/** Properties every object may carry whatever its category. */
const shared: PropertySpecs = {
  type: required(string),
  id: required(ref()),
  object_marking_refs: optional(refs('marking-definition')),
  granular_markings: optional(list(granularMarking)),
  extensions: optional(dictionary()),
};

/** STIX 2.1 §3.2 common properties of SDOs and SROs. */
export const domainCommon: PropertySpecs = {
  ...shared,
  spec_version: required(specVersion),
  created_by_ref: optional(ref('identity')),
  created: required(millis),
  modified: required(millis),
  revoked: optional(boolean),
  labels: optional(list(string)),
  confidence: optional(integer(0, 100)),
  lang: optional(languageTag),
  external_references: optional(list(externalReference)),
};

/** STIX 2.1 §3.2 common properties of SCOs. */
export const observableCommon: PropertySpecs = {
  ...shared,
  spec_version: optional(specVersion),
  defanged: optional(boolean),
};

/** Common properties of the meta objects (§7); each meta type adds or requires its own. */
export const metaCommon: PropertySpecs = {
  ...shared,
  spec_version: required(specVersion),
  created_by_ref: optional(ref('identity')),
  created: required(millis),
  external_references: optional(list(externalReference)),
};

/** STIX 2.1 §3.2: modified must be the same as or later than created. */
export const modifiedNotBeforeCreated: ObjectCheck = timestampOrder('created', 'modified');
