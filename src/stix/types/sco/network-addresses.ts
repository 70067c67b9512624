import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { refs, requiredText, text } from './sco-spec-builders.ts';

// §6.2 autonomous-system, §6.4 domain-name, §6.8 ipv4-addr, §6.9 ipv6-addr, §6.10 mac-addr, §6.15 url.

/** STIX 2.1 §6.2 Autonomous System. */
export const autonomousSystem: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'autonomous-system',
  category: 'sco',
  properties: {
    number: { type: { kind: 'integer' }, required: true },
    name: text,
    rir: text,
  },
  idContributing: ['number'],
});

/** STIX 2.1 §6.4 Domain Name. */
export const domainName: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'domain-name',
  category: 'sco',
  properties: {
    value: requiredText,
    resolves_to_refs: refs('ipv4-addr', 'ipv6-addr', 'domain-name'),
  },
  idContributing: ['value'],
});

const octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

/** STIX 2.1 §6.8 IPv4 Address: one address or a CIDR block. */
export const ipv4Addr: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'ipv4-addr',
  category: 'sco',
  properties: {
    value: {
      type: {
        kind: 'string',
        pattern: new RegExp(`^${octet}(\\.${octet}){3}(/(3[0-2]|[12]?\\d))?$`),
        patternHint: 'an IPv4 address or CIDR block, e.g. 198.51.100.3 or 198.51.100.0/24',
      },
      required: true,
    },
    resolves_to_refs: refs('mac-addr'),
    belongs_to_refs: refs('autonomous-system'),
  },
  idContributing: ['value'],
});

/** STIX 2.1 §6.9 IPv6 Address: one address or a CIDR block. */
export const ipv6Addr: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'ipv6-addr',
  category: 'sco',
  properties: {
    value: {
      type: {
        kind: 'string',
        // Shape only (hex groups, colons, optional embedded IPv4 and prefix); the full grammar is RFC 4291 §2.2.
        pattern: /^(?=.*:)[0-9A-Fa-f:.]{2,45}(\/(12[0-8]|1[01]\d|[1-9]?\d))?$/,
        patternHint: 'an IPv6 address or CIDR block, e.g. 2001:db8::1 or 2001:db8::/32',
      },
      required: true,
    },
    resolves_to_refs: refs('mac-addr'),
    belongs_to_refs: refs('autonomous-system'),
  },
  idContributing: ['value'],
});

/** STIX 2.1 §6.10 MAC Address: a single colon-delimited, lowercase MAC-48 address with leading zeros. */
export const macAddr: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'mac-addr',
  category: 'sco',
  properties: {
    value: {
      type: {
        kind: 'string',
        pattern: /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/,
        patternHint: 'lowercase, colon-separated MAC-48, e.g. d2:fb:49:24:37:18',
      },
      required: true,
    },
  },
  idContributing: ['value'],
});

/** STIX 2.1 §6.15 URL. */
export const url: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'url',
  category: 'sco',
  properties: { value: { type: { kind: 'url' }, required: true } },
  idContributing: ['value'],
});
