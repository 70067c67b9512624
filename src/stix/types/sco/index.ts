import type { ExtensionSpec, ObjectTypeSpec } from '../../spec/property-spec.ts';
import { artifact } from './artifact.ts';
import { emailAddr, emailMessage } from './email.ts';
import { fileExtensions } from './file-extensions.ts';
import { directory, file } from './file.ts';
import { autonomousSystem, domainName, ipv4Addr, ipv6Addr, macAddr, url } from './network-addresses.ts';
import { networkTrafficExtensions } from './network-traffic-extensions.ts';
import { networkTraffic } from './network-traffic.ts';
import { processExtensions } from './process-extensions.ts';
import { process } from './process.ts';
import { mutex, software } from './software.ts';
import { unixAccountExt, userAccount } from './user-account.ts';
import { windowsRegistryKey } from './windows-registry-key.ts';
import { x509Certificate } from './x509-certificate.ts';

/** The 18 STIX 2.1 cyber-observable object types (§6). */
export const scoTypes: readonly ObjectTypeSpec[] = Object.freeze([
  artifact, autonomousSystem, directory, domainName, emailAddr, emailMessage, file, ipv4Addr, ipv6Addr, macAddr,
  mutex, networkTraffic, process, software, url, userAccount, windowsRegistryKey, x509Certificate,
]);

/** The predefined SCO extensions (archive-ext, ntfs-ext, …). */
export const scoExtensions: readonly ExtensionSpec[] = Object.freeze([
  ...fileExtensions, ...networkTrafficExtensions, ...processExtensions, unixAccountExt,
]);
