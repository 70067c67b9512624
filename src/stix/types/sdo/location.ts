import type { ObjectCheck, ObjectTypeSpec } from '../../spec/property-spec.ts';
import { requiresWith } from '../../spec/checks.ts';
import { float, optional, ov, string } from '../../spec/property-types.ts';

// §4.10: a location needs region, country, or latitude with longitude.
const somewhere: ObjectCheck = (o, report) => {
  if (o.region === undefined && o.country === undefined && (o.latitude === undefined || o.longitude === undefined)) {
    report.error('$', 'a location needs region, country, or both latitude and longitude');
  }
};

/** STIX 2.1 §4.10 Location. */
export const location: ObjectTypeSpec = {
  type: 'location',
  category: 'sdo',
  properties: {
    name: optional(string),
    description: optional(string),
    latitude: optional(float(-90, 90)),
    longitude: optional(float(-180, 180)),
    precision: optional(float(0)),
    region: optional(ov('region-ov')),
    country: optional(string),
    administrative_area: optional(string),
    city: optional(string),
    street_address: optional(string),
    postal_code: optional(string),
  },
  checks: [somewhere, requiresWith('latitude', 'longitude'), requiresWith('longitude', 'latitude'), requiresWith('precision', 'latitude')],
};
