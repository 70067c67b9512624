import type { ExtensionSpec, ObjectTypeSpec, PropertySpecs } from '../../spec/property-spec.ts';
import { atLeastOneOf, flag, integer, openVocab, text, timestamp } from './sco-spec-builders.ts';

/** STIX 2.1 §10 account-type-ov. */
export const accountTypes = Object.freeze([
  'facebook', 'ldap', 'nis', 'openid', 'radius', 'skype', 'tacacs', 'twitter', 'unix', 'windows-local', 'windows-domain',
]);

const userAccountProperties: PropertySpecs = {
  user_id: text,
  credential: text,
  account_login: text,
  account_type: openVocab(accountTypes),
  display_name: text,
  is_service_account: flag,
  is_privileged: flag,
  can_escalate_privs: flag,
  is_disabled: flag,
  account_created: timestamp,
  account_expires: timestamp,
  credential_last_changed: timestamp,
  account_first_login: timestamp,
  account_last_login: timestamp,
};

/** STIX 2.1 §6.16 User Account. */
export const userAccount: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'user-account',
  category: 'sco',
  properties: userAccountProperties,
  checks: [atLeastOneOf([...Object.keys(userAccountProperties), 'extensions'], 'user-account')],
  idContributing: ['account_type', 'user_id', 'account_login'],
});

/** STIX 2.1 §6.16 UNIX Account Extension. */
export const unixAccountExt: ExtensionSpec = Object.freeze<ExtensionSpec>({
  name: 'unix-account-ext',
  appliesTo: ['user-account'],
  properties: {
    gid: integer,
    groups: { type: { kind: 'list', of: { kind: 'string' } } },
    home_dir: text,
    shell: text,
  },
  atLeastOneOf: ['gid', 'groups', 'home_dir', 'shell'],
});
