import type { ObjectTypeSpec, PropertySpecs, PropertyType } from '../../spec/property-spec.ts';
import { atLeastOneOf, flag, hashes, integer, text, timestamp } from './sco-spec-builders.ts';

const v3ExtensionProperties: PropertySpecs = {
  basic_constraints: text,
  name_constraints: text,
  policy_constraints: text,
  key_usage: text,
  extended_key_usage: text,
  subject_key_identifier: text,
  authority_key_identifier: text,
  subject_alternative_name: text,
  issuer_alternative_name: text,
  subject_directory_attributes: text,
  crl_distribution_points: text,
  inhibit_any_policy: text,
  private_key_usage_period_not_before: timestamp,
  private_key_usage_period_not_after: timestamp,
  certificate_policies: text,
  policy_mappings: text,
};

/** STIX 2.1 §6.18 x509-v3-extensions-type: at least one property. */
const v3Extensions: PropertyType = {
  kind: 'object',
  properties: v3ExtensionProperties,
  checks: [atLeastOneOf(Object.keys(v3ExtensionProperties), 'x509_v3_extensions')],
};

const certificateProperties: PropertySpecs = {
  is_self_signed: flag,
  hashes,
  version: text,
  serial_number: text,
  signature_algorithm: text,
  issuer: text,
  validity_not_before: timestamp,
  validity_not_after: timestamp,
  subject: text,
  subject_public_key_algorithm: text,
  subject_public_key_modulus: text,
  subject_public_key_exponent: integer,
  x509_v3_extensions: { type: v3Extensions },
};

/** STIX 2.1 §6.18 X.509 Certificate. */
export const x509Certificate: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'x509-certificate',
  category: 'sco',
  properties: certificateProperties,
  checks: [atLeastOneOf([...Object.keys(certificateProperties), 'extensions'], 'x509-certificate')],
  idContributing: ['hashes', 'serial_number'],
});
