/**
 * Valid SCOs and extensions with one invalid variant per rule family, each naming the path the validator must
 * report. Shared by the validation tests so the cases read as a table.
 */
import { deterministicId } from '../../ids.ts';

type Json = Record<string, unknown>;

/** One rule broken: the change applied to the valid object and where the error must be reported. */
export interface BrokenRule {
  rule: string;
  change: (valid: Json) => Json;
  path: string;
}

export interface ScoCase {
  name: string;
  valid: Json;
  broken: BrokenRule[];
}

/** A reference to an object of `type` (the validator checks the prefix, not that the object exists). */
export const refTo = (type: string) => `${type}--0b3f6c9e-5d1a-4c2b-9f7e-1a2b3c4d5e6f`;

/** A complete SCO with common properties and its deterministic id. */
export function sco(type: string, properties: Json): Json {
  const object = { type, spec_version: '2.1', ...properties };
  return { ...object, id: deterministicId(object) };
}

const without = (...names: string[]) => (o: Json) => Object.fromEntries(Object.entries(o).filter(([k]) => !names.includes(k)));
const withProps = (changes: Json) => (o: Json) => ({ ...o, ...changes });
const broken = (rule: string, change: (o: Json) => Json, path: string): BrokenRule => ({ rule, change, path });

export const scoCases: ScoCase[] = [
  {
    name: 'artifact',
    valid: sco('artifact', { mime_type: 'text/plain', payload_bin: 'aGVsbG8gd29ybGQ=', encryption_algorithm: 'mime-type-indicated', decryption_key: 'k' }),
    broken: [
      broken('one of payload_bin or url', without('payload_bin'), '$'),
      broken('not both payload_bin and url', withProps({ url: 'https://example.com/a.bin', hashes: { MD5: '3773a88f65a5e780c8dff9cdc3a056f3' } }), '$.url'),
      broken('hashes with url', (o) => withProps({ url: 'https://example.com/a.bin' })(without('payload_bin')(o)), '$.hashes'),
      broken('encryption_algorithm enum', withProps({ encryption_algorithm: 'ROT13' }), '$.encryption_algorithm'),
      broken('decryption_key needs an algorithm', without('encryption_algorithm'), '$.decryption_key'),
      broken('payload_bin is base64', withProps({ payload_bin: 'not base64!' }), '$.payload_bin'),
    ],
  },
  {
    name: 'autonomous-system',
    valid: sco('autonomous-system', { number: 15139, name: 'Slime Industries', rir: 'ARIN' }),
    broken: [
      broken('number required', without('number'), '$.number'),
      broken('number is an integer', withProps({ number: 'AS15139' }), '$.number'),
    ],
  },
  {
    name: 'directory',
    valid: sco('directory', { path: 'C:\\Windows\\System32', ctime: '2018-11-23T08:17:27.000Z', contains_refs: [refTo('file'), refTo('directory')] }),
    broken: [
      broken('path required', without('path'), '$.path'),
      broken('contains_refs → file/directory', withProps({ contains_refs: [refTo('ipv4-addr')] }), '$.contains_refs'),
      broken('ctime is a timestamp', withProps({ ctime: 'yesterday' }), '$.ctime'),
    ],
  },
  {
    name: 'domain-name',
    valid: sco('domain-name', { value: 'example.com', resolves_to_refs: [refTo('ipv4-addr'), refTo('domain-name')] }),
    broken: [
      broken('value required', without('value'), '$.value'),
      broken('resolves_to_refs → ip/domain', withProps({ resolves_to_refs: [refTo('mac-addr')] }), '$.resolves_to_refs'),
    ],
  },
  {
    name: 'email-addr',
    valid: sco('email-addr', { value: 'john@example.com', display_name: 'John Doe', belongs_to_ref: refTo('user-account') }),
    broken: [
      broken('value required', without('value'), '$.value'),
      broken('belongs_to_ref → user-account', withProps({ belongs_to_ref: refTo('file') }), '$.belongs_to_ref'),
    ],
  },
  {
    name: 'email-message',
    valid: sco('email-message', {
      is_multipart: true,
      date: '1997-11-21T15:55:06.000Z',
      from_ref: refTo('email-addr'),
      to_refs: [refTo('email-addr')],
      subject: 'Saying Hello',
      additional_header_fields: { 'Content-Disposition': 'inline', 'X-Mailer': ['a', 'b'] },
      body_multipart: [
        { content_type: 'text/plain; charset=utf-8', content_disposition: 'inline', body: 'Hello' },
        { content_type: 'image/png', body_raw_ref: refTo('artifact') },
      ],
      raw_email_ref: refTo('artifact'),
    }),
    broken: [
      broken('is_multipart required', without('is_multipart'), '$.is_multipart'),
      broken('no body when multipart', withProps({ body: 'x' }), '$.body'),
      broken('no body_multipart when single part', withProps({ is_multipart: false }), '$.body_multipart'),
      broken('MIME part: not both body and body_raw_ref', (o) => ({ ...o, body_multipart: [{ body: 'a', body_raw_ref: refTo('artifact') }] }), '$.body_multipart[0].body_raw_ref'),
      broken('MIME part: one of body or body_raw_ref', (o) => ({ ...o, body_multipart: [{ content_type: 'text/plain' }] }), '$.body_multipart[0]'),
      broken('from_ref → email-addr', withProps({ from_ref: refTo('user-account') }), '$.from_ref'),
      broken('cc_refs → email-addr', withProps({ cc_refs: [refTo('url')] }), '$.cc_refs'),
      broken('raw_email_ref → artifact', withProps({ raw_email_ref: refTo('file') }), '$.raw_email_ref'),
      broken('header values are strings', withProps({ additional_header_fields: { 'X-Count': 3 } }), "$.additional_header_fields['X-Count']"),
      broken('date is a timestamp', withProps({ date: 'Fri, 21 Nov 1997' }), '$.date'),
    ],
  },
  {
    name: 'file',
    valid: sco('file', {
      name: 'qwerty.dll',
      hashes: { 'SHA-256': 'ceafbfd424be2ca4a5f0402cae090dda2fb0526cf521b60b60077c0f622b285a' },
      size: 25536,
      magic_number_hex: '4d5a',
      parent_directory_ref: refTo('directory'),
      contains_refs: [refTo('file'), refTo('url')],
      content_ref: refTo('artifact'),
    }),
    broken: [
      broken('one of hashes or name', without('name', 'hashes'), '$'),
      broken('size is non-negative', withProps({ size: -1 }), '$.size'),
      broken('parent_directory_ref → directory', withProps({ parent_directory_ref: refTo('file') }), '$.parent_directory_ref'),
      broken('contains_refs → SCOs', withProps({ contains_refs: [refTo('indicator')] }), '$.contains_refs'),
      broken('content_ref → artifact', withProps({ content_ref: refTo('file') }), '$.content_ref'),
      broken('magic_number_hex is hex', withProps({ magic_number_hex: 'MZ' }), '$.magic_number_hex'),
      broken('hashes are well-formed', withProps({ hashes: { 'SHA-256': 'xyz' } }), '$.hashes'),
    ],
  },
  {
    name: 'ipv4-addr',
    valid: sco('ipv4-addr', { value: '198.51.100.0/24', resolves_to_refs: [refTo('mac-addr')], belongs_to_refs: [refTo('autonomous-system')] }),
    broken: [
      broken('value required', without('value'), '$.value'),
      broken('value is IPv4', withProps({ value: '999.51.100.3' }), '$.value'),
      broken('resolves_to_refs → mac-addr', withProps({ resolves_to_refs: [refTo('domain-name')] }), '$.resolves_to_refs'),
    ],
  },
  {
    name: 'ipv6-addr',
    valid: sco('ipv6-addr', { value: '2001:db8::/96', belongs_to_refs: [refTo('autonomous-system')] }),
    broken: [
      broken('value required', without('value'), '$.value'),
      broken('value is IPv6', withProps({ value: 'example.com' }), '$.value'),
      broken('belongs_to_refs → autonomous-system', withProps({ belongs_to_refs: [refTo('ipv4-addr')] }), '$.belongs_to_refs'),
    ],
  },
  {
    name: 'mac-addr',
    valid: sco('mac-addr', { value: 'd2:fb:49:24:37:18' }),
    broken: [
      broken('value required', without('value'), '$.value'),
      broken('value lowercase colon-separated', withProps({ value: 'D2-FB-49-24-37-18' }), '$.value'),
    ],
  },
  {
    name: 'mutex',
    valid: sco('mutex', { name: '__CLEANSWEEP__' }),
    broken: [broken('name required', without('name'), '$.name')],
  },
  {
    name: 'network-traffic',
    valid: sco('network-traffic', {
      start: '2020-01-01T00:00:00Z',
      end: '2020-01-01T00:05:00Z',
      src_ref: refTo('ipv4-addr'),
      dst_ref: refTo('domain-name'),
      src_port: 0,
      dst_port: 65535,
      protocols: ['ipv4', 'tcp'],
      src_byte_count: 147600,
      ipfix: { minimumIpTotalLength: 32, maximumIpTotalLength: '2556' },
      src_payload_ref: refTo('artifact'),
      encapsulates_refs: [refTo('network-traffic')],
    }),
    broken: [
      broken('one of src_ref or dst_ref', without('src_ref', 'dst_ref'), '$'),
      broken('protocols required', without('protocols'), '$.protocols'),
      broken('ports within 0..65535', withProps({ dst_port: 65536 }), '$.dst_port'),
      broken('end not before start', withProps({ end: '2019-12-31T23:59:59Z' }), '$.end'),
      broken('no end while active', withProps({ is_active: true }), '$.end'),
      broken('src_ref → ip/mac/domain', withProps({ src_ref: refTo('url') }), '$.src_ref'),
      broken('src_payload_ref → artifact', withProps({ src_payload_ref: refTo('file') }), '$.src_payload_ref'),
      broken('encapsulated_by_ref → network-traffic', withProps({ encapsulated_by_ref: refTo('ipv4-addr') }), '$.encapsulated_by_ref'),
      broken('ipfix values string or integer', withProps({ ipfix: { flag: true } }), "$.ipfix['flag']"),
      broken('byte counts non-negative', withProps({ src_byte_count: -5 }), '$.src_byte_count'),
    ],
  },
  {
    name: 'process',
    valid: sco('process', {
      pid: 1221,
      created_time: '2016-01-20T14:11:25.55Z',
      command_line: './gedit-bin --new-window',
      environment_variables: { PATH: '/usr/bin' },
      image_ref: refTo('file'),
      parent_ref: refTo('process'),
      child_refs: [refTo('process')],
      opened_connection_refs: [refTo('network-traffic')],
      creator_user_ref: refTo('user-account'),
    }),
    broken: [
      broken('at least one property', (o) => ({ type: o.type, spec_version: o.spec_version, id: o.id }), '$'),
      broken('image_ref → file', withProps({ image_ref: refTo('artifact') }), '$.image_ref'),
      broken('child_refs → process', withProps({ child_refs: [refTo('file')] }), '$.child_refs'),
      broken('opened_connection_refs → network-traffic', withProps({ opened_connection_refs: [refTo('ipv4-addr')] }), '$.opened_connection_refs'),
      broken('pid is an integer', withProps({ pid: 'one' }), '$.pid'),
      broken('environment values are strings', withProps({ environment_variables: { N: 1 } }), '$.environment_variables'),
    ],
  },
  {
    name: 'software',
    valid: sco('software', { name: 'Word', cpe: 'cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*', languages: ['eng'], vendor: 'Microsoft', version: '2002' }),
    broken: [
      broken('name required', without('name'), '$.name'),
      broken('languages are ISO 639-2', withProps({ languages: ['English'] }), '$.languages'),
    ],
  },
  {
    name: 'url',
    valid: sco('url', { value: 'https://example.com/research/index.html' }),
    broken: [
      broken('value required', without('value'), '$.value'),
      broken('value is a URL', withProps({ value: 'not a url' }), '$.value'),
    ],
  },
  {
    name: 'user-account',
    valid: sco('user-account', { user_id: '1001', account_login: 'jdoe', account_type: 'unix', is_privileged: false, account_created: '2016-01-20T12:31:12Z' }),
    broken: [
      broken('at least one property', (o) => ({ type: o.type, spec_version: o.spec_version, id: o.id }), '$'),
      broken('is_privileged is a boolean', withProps({ is_privileged: 'no' }), '$.is_privileged'),
      broken('account_expires is a timestamp', withProps({ account_expires: 'never' }), '$.account_expires'),
    ],
  },
  {
    name: 'windows-registry-key',
    valid: sco('windows-registry-key', {
      key: 'HKEY_LOCAL_MACHINE\\System\\Foo\\Bar',
      values: [{ name: 'Foo', data: 'qwerty', data_type: 'REG_SZ' }, { name: '', data: '1' }],
      modified_time: '2020-01-01T00:00:00Z',
      creator_user_ref: refTo('user-account'),
      number_of_subkeys: 2,
    }),
    broken: [
      broken('at least one property', (o) => ({ type: o.type, spec_version: o.spec_version, id: o.id }), '$'),
      broken('hive written in full', withProps({ key: 'HKLM\\System\\Foo' }), '$.key'),
      broken('data_type enum', withProps({ values: [{ name: 'Foo', data_type: 'REG_TEXT' }] }), '$.values[0].data_type'),
      broken('a value has at least one property', withProps({ values: [{}] }), '$.values[0]'),
      broken('creator_user_ref → user-account', withProps({ creator_user_ref: refTo('file') }), '$.creator_user_ref'),
      broken('number_of_subkeys non-negative', withProps({ number_of_subkeys: -1 }), '$.number_of_subkeys'),
    ],
  },
  {
    name: 'x509-certificate',
    valid: sco('x509-certificate', {
      issuer: 'C=ZA, ST=Western Cape, L=Cape Town, O=Thawte Consulting cc',
      serial_number: '36:f7:d4:32:f4:ab:70:ea:d3:ce:98:6e:ea:99:93:49:32:0a:b7:06',
      validity_not_before: '2016-03-12T12:00:00Z',
      validity_not_after: '2016-08-21T12:00:00Z',
      subject_public_key_exponent: 65537,
      x509_v3_extensions: { basic_constraints: 'critical,CA:TRUE, pathlen:0', private_key_usage_period_not_before: '2016-03-12T12:00:00Z' },
    }),
    broken: [
      broken('at least one property', (o) => ({ type: o.type, spec_version: o.spec_version, id: o.id }), '$'),
      broken('v3 extensions: at least one', withProps({ x509_v3_extensions: {} }), '$.x509_v3_extensions'),
      broken('exponent is an integer', withProps({ subject_public_key_exponent: 'sixty-five' }), '$.subject_public_key_exponent'),
      broken('validity is a timestamp', withProps({ validity_not_after: 'soon' }), '$.validity_not_after'),
    ],
  },
];
