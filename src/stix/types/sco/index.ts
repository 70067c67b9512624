import type { ExtensionSpec, ObjectTypeSpec } from '../../spec/property-spec.ts';

/** The 18 STIX 2.1 cyber-observable object types (§6). */
export const scoTypes: readonly ObjectTypeSpec[] = [];

/** The predefined SCO extensions (archive-ext, ntfs-ext, …). */
export const scoExtensions: readonly ExtensionSpec[] = [];
