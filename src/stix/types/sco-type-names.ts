/** The 18 STIX 2.1 cyber-observable types (§6), so their category is known even before a type has a full spec. */
export const SCO_TYPE_NAMES: readonly string[] = Object.freeze([
  'artifact', 'autonomous-system', 'directory', 'domain-name', 'email-addr', 'email-message', 'file', 'ipv4-addr', 'ipv6-addr',
  'mac-addr', 'mutex', 'network-traffic', 'process', 'software', 'url', 'user-account', 'windows-registry-key', 'x509-certificate',
]);
