/**
 * Parley's published STIX 2.1 extension definitions. The ids are fixed forever (UUIDv4s generated once): any
 * STIX tool that sees an `x-parley-message` or `x-parley-agreement` resolves its extension through them.
 */

/** The identity that publishes Parley's extension definitions. */
export const PARLEY_IDENTITY_ID = 'identity--098e4cda-0762-4482-ab53-a8158d36dbed';
/** new-sdo `x-parley-message`. */
export const MESSAGE_EXTENSION_ID = 'extension-definition--2d488438-d354-4c7e-a5b4-ce12c1b10499';
/** new-sdo `x-parley-agreement`. */
export const AGREEMENT_EXTENSION_ID = 'extension-definition--e1049126-4780-4b28-bfa4-5b2ad3876d2a';
/** property-extension on `identity` carrying the party record. */
export const PARTY_EXTENSION_ID = 'extension-definition--160d49c2-b002-4510-b428-d783fd2a8e6e';

export const MESSAGE_TYPE = 'x-parley-message';
export const AGREEMENT_TYPE = 'x-parley-agreement';

const PUBLISHED = '2026-11-23T00:00:00.000Z';

/** The identity object behind `created_by_ref` of the extension definitions. */
export const PARLEY_IDENTITY = Object.freeze({
  type: 'identity',
  spec_version: '2.1',
  id: PARLEY_IDENTITY_ID,
  created: PUBLISHED,
  modified: PUBLISHED,
  name: 'Parley project',
  identity_class: 'organization',
  description: 'Publisher of the Parley hotline STIX extensions.',
});

function definition(id: string, name: string, description: string, schemaFile: string, extensionType: string) {
  return Object.freeze({
    type: 'extension-definition',
    spec_version: '2.1',
    id,
    created: PUBLISHED,
    modified: PUBLISHED,
    created_by_ref: PARLEY_IDENTITY_ID,
    name,
    description,
    schema: `JSON Schema (draft 2020-12) published with Parley at src/hotline/schemas/${schemaFile}`,
    version: '1.0.0',
    extension_types: Object.freeze([extensionType]),
  });
}

/** Extension definition of `x-parley-message`. */
export const MESSAGE_EXTENSION = definition(
  MESSAGE_EXTENSION_ID,
  'Parley hotline message',
  'A signed hotline message between parties: notification, request, consultation, advance notice, acknowledgement, response, closure, ping, ping reply.',
  'x-parley-message.json',
  'new-sdo',
);

/** Extension definition of `x-parley-agreement`. */
export const AGREEMENT_EXTENSION = definition(
  AGREEMENT_EXTENSION_ID,
  'Parley hotline agreement',
  'An agreement between parties: protected sectors, message kinds, deadlines, default TLP, languages; signed by every party.',
  'x-parley-agreement.json',
  'new-sdo',
);

/** Extension definition of the party record on `identity`. */
export const PARTY_EXTENSION = definition(
  PARTY_EXTENSION_ID,
  'Parley party record',
  'Property extension of identity: the node TAXII address, Ed25519 signing keys with validity periods, points of contact.',
  'parley-party.json',
  'property-extension',
);

/** Every object Parley publishes to describe its extensions, ready to share over TAXII. */
export const PARLEY_EXTENSION_OBJECTS = Object.freeze([PARLEY_IDENTITY, MESSAGE_EXTENSION, AGREEMENT_EXTENSION, PARTY_EXTENSION]);
