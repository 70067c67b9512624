import type { ObjectTypeSpec, PropertySpec } from '../../spec/property-spec.ts';
import { atLeastOneOf, count, flag, notBefore, ref, refs, timestamp } from './sco-spec-builders.ts';

const endpoint = ref('ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name');
const port: PropertySpec = { type: { kind: 'integer', min: 0, max: 65535 } };

/** STIX 2.1 §6.12 Network Traffic. */
export const networkTraffic: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'network-traffic',
  category: 'sco',
  properties: {
    start: timestamp,
    end: timestamp,
    is_active: flag,
    src_ref: endpoint,
    dst_ref: endpoint,
    src_port: port,
    dst_port: port,
    protocols: { type: { kind: 'list', of: { kind: 'string' }, minItems: 1 }, required: true },
    src_byte_count: count,
    dst_byte_count: count,
    src_packets: count,
    dst_packets: count,
    ipfix: { type: { kind: 'dictionary' } },
    src_payload_ref: ref('artifact'),
    dst_payload_ref: ref('artifact'),
    encapsulates_refs: refs('network-traffic'),
    encapsulated_by_ref: ref('network-traffic'),
  },
  checks: [
    atLeastOneOf(['src_ref', 'dst_ref'], 'network-traffic'),
    notBefore('end', 'start'),
    // §6.12: traffic still flowing has no end yet.
    (object, report) => {
      if (object.is_active === true && object.end !== undefined) {
        report.error('$.end', 'end must not be present when is_active is true');
      }
    },
    // §6.12: protocol names SHOULD be lowercase IANA service names, ordered from the outermost layer.
    (object, report) => {
      if (!Array.isArray(object.protocols)) return;
      object.protocols.forEach((protocol, i) => {
        if (typeof protocol === 'string' && protocol !== protocol.toLowerCase()) {
          report.warn(`$.protocols[${i}]`, 'protocol names should be lowercase');
        }
      });
    },
    // §6.12: IPFIX element values are strings or integers.
    (object, report) => {
      const ipfix = object.ipfix;
      if (typeof ipfix !== 'object' || ipfix === null || Array.isArray(ipfix)) return;
      for (const [name, value] of Object.entries(ipfix)) {
        if (typeof value !== 'string' && !Number.isInteger(value)) {
          report.error(`$.ipfix['${name}']`, 'an IPFIX value must be a string or an integer');
        }
      }
    },
  ],
  idContributing: ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
});
