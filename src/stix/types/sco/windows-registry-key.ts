import type { ObjectTypeSpec, PropertySpecs, PropertyType } from '../../spec/property-spec.ts';
import { atLeastOneOf, count, oneOf, ref, text, timestamp } from './sco-spec-builders.ts';

/** STIX 2.1 §10 windows-registry-datatype-enum. */
export const windowsRegistryDatatypes = Object.freeze([
  'REG_NONE', 'REG_SZ', 'REG_EXPAND_SZ', 'REG_BINARY', 'REG_DWORD', 'REG_DWORD_BIG_ENDIAN', 'REG_DWORD_LITTLE_ENDIAN',
  'REG_LINK', 'REG_MULTI_SZ', 'REG_RESOURCE_LIST', 'REG_FULL_RESOURCE_DESCRIPTION', 'REG_RESOURCE_REQUIREMENTS_LIST',
  'REG_QWORD', 'REG_INVALID_TYPE',
]);

/** STIX 2.1 §6.17 windows-registry-value-type (name is "" for a key's default value). */
const registryValue: PropertyType = {
  kind: 'object',
  properties: { name: text, data: text, data_type: oneOf(windowsRegistryDatatypes) },
  checks: [atLeastOneOf(['name', 'data', 'data_type'], 'a registry value')],
};

const registryKeyProperties: PropertySpecs = {
  key: text,
  values: { type: { kind: 'list', of: registryValue } },
  modified_time: timestamp,
  creator_user_ref: ref('user-account'),
  number_of_subkeys: count,
};

// §6.17: the hive must be spelled out (HKEY_LOCAL_MACHINE, not HKLM).
const abbreviatedHive = /^(HKLM|HKCU|HKCR|HKCC|HKU)(\\|$)/i;

/** STIX 2.1 §6.17 Windows Registry Key. */
export const windowsRegistryKey: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'windows-registry-key',
  category: 'sco',
  properties: registryKeyProperties,
  checks: [
    atLeastOneOf([...Object.keys(registryKeyProperties), 'extensions'], 'windows-registry-key'),
    (object, report) => {
      if (typeof object.key === 'string' && abbreviatedHive.test(object.key)) {
        report.error('$.key', 'the hive must be written in full, e.g. HKEY_LOCAL_MACHINE instead of HKLM');
      }
    },
  ],
  idContributing: ['key', 'values'],
});
