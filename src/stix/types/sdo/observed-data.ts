import type { ObjectCheck, ObjectTypeSpec } from '../../spec/property-spec.ts';
import { exactlyOneOf, timestampOrder } from '../../spec/checks.ts';
import { dictionary, integer, list, optional, refTo, required, timestamp } from '../../spec/property-types.ts';

// §4.14: the embedded `objects` dictionary is deprecated in favour of object_refs.
const objectsDeprecated: ObjectCheck = (o, report) => {
  if (o.objects !== undefined) report.warn('$.objects', 'objects is deprecated in STIX 2.1; reference SCOs through object_refs');
};

/** STIX 2.1 §4.14 Observed Data. */
export const observedData: ObjectTypeSpec = {
  type: 'observed-data',
  category: 'sdo',
  properties: {
    first_observed: required(timestamp),
    last_observed: required(timestamp),
    number_observed: required(integer(1, 999_999_999)),
    objects: optional(dictionary()),
    object_refs: optional(list(refTo('sco', 'sro'))),
  },
  checks: [exactlyOneOf('objects', 'object_refs'), timestampOrder('first_observed', 'last_observed'), objectsDeprecated],
};
