import type { ExtensionSpec } from '../../spec/property-spec.ts';
import { count, flag, hex, integer, oneOf, ref, requiredText, text } from './sco-spec-builders.ts';

/** STIX 2.1 §6.12 HTTP Request Extension. */
export const httpRequestExt: ExtensionSpec = Object.freeze<ExtensionSpec>({
  name: 'http-request-ext',
  appliesTo: ['network-traffic'],
  properties: {
    request_method: requiredText,
    request_value: requiredText,
    request_version: text,
    request_header: { type: { kind: 'dictionary', values: { kind: 'list', of: { kind: 'string' } } } },
    message_body_length: count,
    message_body_data_ref: ref('artifact'),
  },
});

/** STIX 2.1 §6.12 ICMP Extension. */
export const icmpExt: ExtensionSpec = Object.freeze<ExtensionSpec>({
  name: 'icmp-ext',
  appliesTo: ['network-traffic'],
  properties: {
    icmp_type_hex: { ...hex, required: true },
    icmp_code_hex: { ...hex, required: true },
  },
});

/** STIX 2.1 §10 network-socket-address-family-enum. */
export const socketAddressFamilies = Object.freeze([
  'AF_UNSPEC', 'AF_INET', 'AF_IPX', 'AF_APPLETALK', 'AF_NETBIOS', 'AF_INET6', 'AF_IRDA', 'AF_BTH',
]);

/** STIX 2.1 §10 network-socket-type-enum. */
export const socketTypes = Object.freeze(['SOCK_STREAM', 'SOCK_DGRAM', 'SOCK_RAW', 'SOCK_RDM', 'SOCK_SEQPACKET']);

const OPTION_NAME = /^(SO|ICMP|ICMP6|IP|IPV6|MCAST|TCP|IRLMP)(_[A-Z0-9]+)+$/;

/** STIX 2.1 §6.12 Network Socket Extension. */
export const socketExt: ExtensionSpec = Object.freeze<ExtensionSpec>({
  name: 'socket-ext',
  appliesTo: ['network-traffic'],
  properties: {
    address_family: oneOf(socketAddressFamilies, true),
    is_blocking: flag,
    is_listening: flag,
    options: { type: { kind: 'dictionary', values: { kind: 'integer' } } },
    socket_type: oneOf(socketTypes),
    socket_descriptor: count,
    socket_handle: integer,
  },
  checks: [
    // §6.12: option keys SHOULD be case-preserved socket option names, e.g. SO_RCVBUF (the OASIS schema also
    // admits the ICMP_, ICMP6_, IP_, IPV6_, MCAST_, TCP_ and IRLMP_ families).
    (extension, report) => {
      const options = extension.options;
      if (typeof options !== 'object' || options === null || Array.isArray(options)) return;
      for (const name of Object.keys(options)) {
        if (!OPTION_NAME.test(name)) report.warn(`$.options['${name}']`, 'a socket option key should be a socket option name such as SO_RCVBUF');
      }
    },
  ],
});

/** STIX 2.1 §6.12 TCP Extension. */
export const tcpExt: ExtensionSpec = Object.freeze<ExtensionSpec>({
  name: 'tcp-ext',
  appliesTo: ['network-traffic'],
  properties: { src_flags_hex: hex, dst_flags_hex: hex },
  atLeastOneOf: ['src_flags_hex', 'dst_flags_hex'],
});

/** The predefined extensions of `network-traffic`. */
export const networkTrafficExtensions: readonly ExtensionSpec[] = Object.freeze([httpRequestExt, icmpExt, socketExt, tcpExt]);
