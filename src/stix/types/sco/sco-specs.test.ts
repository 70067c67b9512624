import { describe, expect, it } from 'vitest';
import type { ObjectCheck, PropertyType } from '../../spec/property-spec.ts';
import { scoExtensions, scoTypes } from './index.ts';

const SCO_TYPES = [
  'artifact', 'autonomous-system', 'directory', 'domain-name', 'email-addr', 'email-message', 'file', 'ipv4-addr',
  'ipv6-addr', 'mac-addr', 'mutex', 'network-traffic', 'process', 'software', 'url', 'user-account',
  'windows-registry-key', 'x509-certificate',
];

// STIX 2.1 §6, "ID Contributing Properties" of each object.
const ID_CONTRIBUTING: Record<string, string[]> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
  process: [],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
};

const EXTENSIONS: Record<string, string> = {
  'archive-ext': 'file', 'ntfs-ext': 'file', 'pdf-ext': 'file', 'raster-image-ext': 'file',
  'windows-pebinary-ext': 'file', 'http-request-ext': 'network-traffic', 'icmp-ext': 'network-traffic',
  'socket-ext': 'network-traffic', 'tcp-ext': 'network-traffic', 'windows-process-ext': 'process',
  'windows-service-ext': 'process', 'unix-account-ext': 'user-account',
};

const COMMON = ['type', 'id', 'spec_version', 'object_marking_refs', 'granular_markings', 'defanged', 'extensions'];

/** Runs a check on an object and collects what it reports. */
function run(check: ObjectCheck, object: Record<string, unknown>): string[] {
  const found: string[] = [];
  check(object, { error: (path, m) => found.push(`error ${path}: ${m}`), warn: (path, m) => found.push(`warn ${path}: ${m}`) });
  return found;
}

function refTargets(type: PropertyType): readonly string[] | undefined {
  if (type.kind === 'identifier') return type.refTypes;
  if (type.kind === 'list') return refTargets(type.of);
  return undefined;
}

describe('SCO specs', () => {
  it('declare exactly the 18 STIX 2.1 SCO types, each once, as category sco', () => {
    expect(scoTypes.map((s) => s.type).sort()).toEqual([...SCO_TYPES].sort());
    for (const spec of scoTypes) expect(spec.category).toBe('sco');
  });

  it('list the id-contributing properties of §6 in spec order', () => {
    for (const spec of scoTypes) expect(spec.idContributing, spec.type).toEqual(ID_CONTRIBUTING[spec.type]);
  });

  it('declare every id-contributing property (extensions excepted: it is common)', () => {
    for (const spec of scoTypes) {
      for (const p of spec.idContributing ?? []) if (p !== 'extensions') expect(spec.properties[p], `${spec.type}.${p}`).toBeDefined();
    }
  });

  it('leave the common SCO properties to the engine', () => {
    for (const spec of scoTypes) for (const p of COMMON) expect(spec.properties[p], `${spec.type}.${p}`).toBeUndefined();
  });

  it('point every reference at SCO types only', () => {
    for (const spec of scoTypes) {
      for (const [name, property] of Object.entries(spec.properties)) {
        const targets = refTargets(property.type);
        if (name.endsWith('_ref') || name.endsWith('_refs')) expect(property.type.kind, `${spec.type}.${name}`).toMatch(/identifier|list/);
        for (const t of targets ?? []) expect(SCO_TYPES, `${spec.type}.${name} → ${t}`).toContain(t);
      }
    }
  });

  it('mark the §6 required properties', () => {
    const required = Object.fromEntries(scoTypes.map((s) =>
      [s.type, Object.entries(s.properties).filter(([, p]) => p.required).map(([n]) => n)]));
    expect(required).toMatchObject({
      'autonomous-system': ['number'], directory: ['path'], 'domain-name': ['value'], 'email-addr': ['value'],
      'email-message': ['is_multipart'], 'ipv4-addr': ['value'], 'ipv6-addr': ['value'], 'mac-addr': ['value'],
      mutex: ['name'], 'network-traffic': ['protocols'], software: ['name'], url: ['value'], artifact: [], file: [],
      process: [], 'user-account': [], 'windows-registry-key': [], 'x509-certificate': [],
    });
  });
});

describe('SCO extension specs', () => {
  it('declare the 12 predefined extensions with the type each applies to', () => {
    expect(Object.fromEntries(scoExtensions.map((e) => [e.name, e.appliesTo]))).toEqual(
      Object.fromEntries(Object.entries(EXTENSIONS).map(([n, t]) => [n, [t]])));
  });

  it('mark required properties or require at least one property', () => {
    const required = Object.fromEntries(scoExtensions.map((e) =>
      [e.name, Object.entries(e.properties).filter(([, p]) => p.required).map(([n]) => n)]));
    expect(required).toEqual({
      'archive-ext': ['contains_refs'], 'ntfs-ext': [], 'pdf-ext': [], 'raster-image-ext': [],
      'windows-pebinary-ext': ['pe_type'], 'http-request-ext': ['request_method', 'request_value'],
      'icmp-ext': ['icmp_type_hex', 'icmp_code_hex'], 'socket-ext': ['address_family'], 'tcp-ext': [],
      'windows-process-ext': [], 'windows-service-ext': [], 'unix-account-ext': [],
    });
    for (const e of scoExtensions) {
      if (required[e.name].length === 0) {
        expect(e.atLeastOneOf, e.name).toBeDefined();
        expect([...(e.atLeastOneOf ?? [])].sort(), e.name).toEqual(Object.keys(e.properties).sort());
      }
    }
  });
});

describe('SCO cross-property checks', () => {
  const spec = (type: string) => scoTypes.find((s) => s.type === type)!;
  const findings = (type: string, object: Record<string, unknown>) => (spec(type).checks ?? []).flatMap((c) => run(c, object));

  it('artifact: payload_bin xor url, hashes with url, decryption_key only with an algorithm', () => {
    expect(findings('artifact', { payload_bin: 'AA==' })).toEqual([]);
    expect(findings('artifact', {})).toEqual(['error $: artifact must have one of payload_bin or url']);
    expect(findings('artifact', { payload_bin: 'AA==', url: 'https://x.example/a', hashes: { MD5: 'a' } }))
      .toEqual(['error $.url: url must not be present together with payload_bin']);
    expect(findings('artifact', { url: 'https://x.example/a' })).toEqual(['error $.hashes: hashes is required when url is present']);
    expect(findings('artifact', { payload_bin: 'AA==', decryption_key: 'k' }))
      .toEqual(['error $.decryption_key: decryption_key must not be present without encryption_algorithm']);
  });

  it('network-traffic: an endpoint, end not before start, no end while active', () => {
    expect(findings('network-traffic', { src_ref: 'ipv4-addr--a', protocols: ['tcp'] })).toEqual([]);
    expect(findings('network-traffic', { protocols: ['tcp'] })).toEqual(['error $: network-traffic must have at least one of: src_ref, dst_ref']);
    expect(findings('network-traffic', { dst_ref: 'x', start: '2020-01-01T00:00:00.5Z', end: '2020-01-01T00:00:00.4Z' }))
      .toEqual(['error $.end: end must not be earlier than start']);
    expect(findings('network-traffic', { dst_ref: 'x', start: '2020-01-01T00:00:00.0001Z', end: '2020-01-01T00:00:00Z' }))
      .toEqual(['error $.end: end must not be earlier than start']);
    expect(findings('network-traffic', { dst_ref: 'x', start: '2020-01-01T00:00:00Z', end: '2020-01-01T00:00:00Z' })).toEqual([]);
    expect(findings('network-traffic', { dst_ref: 'x', is_active: true, end: '2020-01-01T00:00:00Z' }))
      .toEqual(['error $.end: end must not be present when is_active is true']);
    expect(findings('network-traffic', { dst_ref: 'x', protocols: ['TCP'] })).toEqual(['warn $.protocols[0]: protocol names should be lowercase']);
  });

  it('email-message: body and body_multipart follow is_multipart', () => {
    expect(findings('email-message', { is_multipart: false, body: 'hi' })).toEqual([]);
    expect(findings('email-message', { is_multipart: true, body: 'hi' })).toHaveLength(1);
    expect(findings('email-message', { is_multipart: false, body_multipart: [] })).toHaveLength(1);
    expect(findings('email-message', { is_multipart: false, additional_header_fields: { 'X-A': ['a', 'b'], 'X-B': 3 } }))
      .toEqual(["error $.additional_header_fields['X-B']: a header field value must be a string or a list of strings"]);
  });

  it('file, process, user-account, windows-registry-key, x509-certificate: at least one property', () => {
    expect(findings('file', { size: 3 })).toHaveLength(1);
    expect(findings('file', { name: 'a' })).toEqual([]);
    expect(findings('process', {})).toHaveLength(1);
    expect(findings('process', { extensions: { 'windows-process-ext': { aslr_enabled: true } } })).toEqual([]);
    expect(findings('user-account', {})).toHaveLength(1);
    expect(findings('windows-registry-key', {})).toHaveLength(1);
    expect(findings('windows-registry-key', { key: 'HKLM\\Software' }))
      .toEqual(['error $.key: the hive must be written in full, e.g. HKEY_LOCAL_MACHINE instead of HKLM']);
    expect(findings('x509-certificate', {})).toHaveLength(1);
    expect(findings('x509-certificate', { serial_number: '01' })).toEqual([]);
  });
});

describe('SCO extension cross-property checks', () => {
  const findings = (name: string, extension: Record<string, unknown>) =>
    (scoExtensions.find((e) => e.name === name)!.checks ?? []).flatMap((c) => run(c, extension));

  it('socket-ext: option names should be socket option names (a warning)', () => {
    expect(findings('socket-ext', { address_family: 'AF_INET', options: { SO_RCVBUF: 1, TCP_NODELAY: 1 } })).toEqual([]);
    expect(findings('socket-ext', { address_family: 'AF_INET', options: { rcvbuf: 1 } }))
      .toEqual(["warn $.options['rcvbuf']: a socket option key should be a socket option name such as SO_RCVBUF"]);
  });

  it('windows-process-ext: priority should end in _CLASS (a warning)', () => {
    expect(findings('windows-process-ext', { priority: 'HIGH_PRIORITY_CLASS' })).toEqual([]);
    expect(findings('windows-process-ext', { priority: 'high' })).toHaveLength(1);
    expect(findings('windows-process-ext', { priority: 'high' })[0]).toMatch(/^warn \$\.priority: /);
  });

  it('raster-image-ext: EXIF values are strings or integers', () => {
    expect(findings('raster-image-ext', { exif_tags: { Make: 'Nikon', XResolution: 4928 } })).toEqual([]);
    expect(findings('raster-image-ext', { exif_tags: { XResolution: 49.5 } }))
      .toEqual(["error $.exif_tags['XResolution']: an EXIF tag value must be a string or an integer"]);
  });
});

describe('SCO validation cases against the specs', () => {
  it('use only declared properties and pass every check of their type and extensions', async () => {
    const { scoCases } = await import('./sco-validation-cases.ts');
    const { extensionScoCases } = await import('./sco-extension-cases.ts');
    for (const c of [...scoCases, ...extensionScoCases]) {
      const spec = scoTypes.find((s) => s.type === c.valid.type)!;
      for (const key of Object.keys(c.valid)) expect(COMMON.includes(key) || key in spec.properties, `${c.name}.${key}`).toBe(true);
      expect((spec.checks ?? []).flatMap((check) => run(check, c.valid)), c.name).toEqual([]);
      for (const [name, extension] of Object.entries((c.valid.extensions ?? {}) as Record<string, Record<string, unknown>>)) {
        const ext = scoExtensions.find((e) => e.name === name)!;
        for (const key of Object.keys(extension)) expect(key in ext.properties, `${name}.${key}`).toBe(true);
        expect((ext.checks ?? []).flatMap((check) => run(check, extension)), name).toEqual([]);
      }
    }
  });
});
