/**
 * Valid uses of each predefined SCO extension with one invalid variant per rule family, each naming the path the
 * validator must report (under `$.extensions['NAME']`).
 */
import { refTo, sco, type ScoCase } from './sco-validation-cases.ts';

type Json = Record<string, unknown>;

/** An extension case: the base object it rides on and the extension's own properties. */
interface ExtensionCase {
  name: string;
  on: Json;
  extension: Json;
  broken: { rule: string; change: (extension: Json) => Json; path: string }[];
}

const drop = (...names: string[]) => (e: Json) => Object.fromEntries(Object.entries(e).filter(([k]) => !names.includes(k)));
const set = (changes: Json) => (e: Json) => ({ ...e, ...changes });
const empty = () => ({});

const file = { type: 'file', name: 'sample.bin' };
const traffic = { type: 'network-traffic', src_ref: refTo('ipv4-addr'), protocols: ['tcp'] };
const proc = { type: 'process', pid: 314 };
const account = { type: 'user-account', user_id: '1001' };

const extensionCases: ExtensionCase[] = [
  {
    name: 'archive-ext', on: file,
    extension: { contains_refs: [refTo('file'), refTo('directory')], comment: 'source code' },
    broken: [
      { rule: 'contains_refs required', change: drop('contains_refs'), path: '.contains_refs' },
      { rule: 'contains_refs → file/directory', change: set({ contains_refs: [refTo('url')] }), path: '.contains_refs' },
    ],
  },
  {
    name: 'ntfs-ext', on: file,
    extension: { sid: 'S-1-5-21', alternate_data_streams: [{ name: 'second.stream', size: 25536, hashes: { MD5: '3773a88f65a5e780c8dff9cdc3a056f3' } }] },
    broken: [
      { rule: 'at least one property', change: empty, path: '' },
      { rule: 'stream name required', change: set({ alternate_data_streams: [{ size: 1 }] }), path: '.alternate_data_streams[0].name' },
    ],
  },
  {
    name: 'pdf-ext', on: file,
    extension: { version: '1.7', is_optimized: false, document_info_dict: { Title: 'Sample', Author: 'Adobe' }, pdfid0: 'DFCE52BD827ECF765649852119D' },
    broken: [
      { rule: 'at least one property', change: empty, path: '' },
      { rule: 'is_optimized is a boolean', change: set({ is_optimized: 'no' }), path: '.is_optimized' },
      { rule: 'document_info_dict values are strings', change: set({ document_info_dict: { Pages: 3 } }), path: '.document_info_dict' },
    ],
  },
  {
    name: 'raster-image-ext', on: file,
    extension: { image_height: 768, image_width: 1024, bits_per_pixel: 72, exif_tags: { Make: 'Nikon', XResolution: 4928 } },
    broken: [
      { rule: 'at least one property', change: empty, path: '' },
      { rule: 'image_height is an integer', change: set({ image_height: 76.8 }), path: '.image_height' },
      { rule: 'EXIF values string or integer', change: set({ exif_tags: { Make: true } }), path: ".exif_tags['Make']" },
    ],
  },
  {
    name: 'windows-pebinary-ext', on: file,
    extension: {
      pe_type: 'exe', machine_hex: '014c', number_of_sections: 4, time_date_stamp: '2016-01-22T12:31:12Z',
      file_header_hashes: { 'SHA-256': '57a9b3b5e0a0d9d4d2b3c5c43b1d4fc0c3a1b5e8d2d4c3b6a1e5f7c9b0a2d4e6' },
      optional_header: { magic_hex: '010b', size_of_code: 4096, address_of_entry_point: 4096 },
      sections: [{ name: '.text', size: 4096, entropy: 6.4 }],
    },
    broken: [
      { rule: 'pe_type required', change: drop('pe_type'), path: '.pe_type' },
      { rule: 'optional header: at least one property', change: set({ optional_header: {} }), path: '.optional_header' },
      { rule: 'section name required', change: set({ sections: [{ size: 1 }] }), path: '.sections[0].name' },
      { rule: 'machine_hex is hex', change: set({ machine_hex: 'i386' }), path: '.machine_hex' },
      { rule: 'number_of_sections non-negative', change: set({ number_of_sections: -4 }), path: '.number_of_sections' },
    ],
  },
  {
    name: 'http-request-ext', on: traffic,
    extension: {
      request_method: 'get', request_value: '/download.html', request_version: 'http/1.1',
      request_header: { 'Accept-Encoding': ['gzip,deflate'], Host: ['www.example.com'] },
      message_body_length: 0, message_body_data_ref: refTo('artifact'),
    },
    broken: [
      { rule: 'request_value required', change: drop('request_value'), path: '.request_value' },
      { rule: 'request_method required', change: drop('request_method'), path: '.request_method' },
      { rule: 'message_body_data_ref → artifact', change: set({ message_body_data_ref: refTo('file') }), path: '.message_body_data_ref' },
    ],
  },
  {
    name: 'icmp-ext', on: traffic,
    extension: { icmp_type_hex: '08', icmp_code_hex: '00' },
    broken: [
      { rule: 'icmp_code_hex required', change: drop('icmp_code_hex'), path: '.icmp_code_hex' },
      { rule: 'icmp_type_hex is hex', change: set({ icmp_type_hex: 'echo' }), path: '.icmp_type_hex' },
    ],
  },
  {
    name: 'socket-ext', on: traffic,
    extension: { address_family: 'AF_INET', socket_type: 'SOCK_STREAM', is_listening: true, options: { SO_RCVBUF: 8192 }, socket_descriptor: 3 },
    broken: [
      { rule: 'address_family required', change: drop('address_family'), path: '.address_family' },
      { rule: 'address_family enum', change: set({ address_family: 'AF_UNIX' }), path: '.address_family' },
      { rule: 'socket_type enum', change: set({ socket_type: 'SOCK_PACKET' }), path: '.socket_type' },
      { rule: 'option values are integers', change: set({ options: { SO_RCVBUF: 'big' } }), path: '.options' },
    ],
  },
  {
    name: 'tcp-ext', on: traffic,
    extension: { src_flags_hex: '00000002' },
    broken: [
      { rule: 'at least one property', change: empty, path: '' },
      { rule: 'flags are hex', change: set({ src_flags_hex: 'SYN' }), path: '.src_flags_hex' },
    ],
  },
  {
    name: 'windows-process-ext', on: proc,
    extension: { aslr_enabled: true, dep_enabled: true, priority: 'HIGH_PRIORITY_CLASS', owner_sid: 'S-1-5-21', integrity_level: 'high' },
    broken: [
      { rule: 'at least one property', change: empty, path: '' },
      { rule: 'integrity_level enum', change: set({ integrity_level: 'extreme' }), path: '.integrity_level' },
    ],
  },
  {
    name: 'windows-service-ext', on: proc,
    extension: {
      service_name: 'sirvizio', display_name: 'Sirvizio', start_type: 'SERVICE_AUTO_START', service_type: 'SERVICE_WIN32_OWN_PROCESS',
      service_status: 'SERVICE_RUNNING', service_dll_refs: [refTo('file')], descriptions: ['a service'],
    },
    broken: [
      { rule: 'at least one property', change: empty, path: '' },
      { rule: 'start_type enum', change: set({ start_type: 'SERVICE_SOMETIMES' }), path: '.start_type' },
      { rule: 'service_dll_refs → file', change: set({ service_dll_refs: [refTo('artifact')] }), path: '.service_dll_refs' },
    ],
  },
  {
    name: 'unix-account-ext', on: account,
    extension: { gid: 1001, groups: ['wheel'], home_dir: '/home/jdoe', shell: '/bin/bash' },
    broken: [
      { rule: 'at least one property', change: empty, path: '' },
      { rule: 'gid is an integer', change: set({ gid: 'wheel' }), path: '.gid' },
    ],
  },
];

function withExtension(base: Json, name: string, extension: Json): Json {
  const { type, ...properties } = base;
  return sco(type as string, { ...properties, extensions: { [name]: extension } });
}

/** The extension cases in the same shape as the SCO cases; the extension also rides on a type it does not apply to. */
export const extensionScoCases: ScoCase[] = extensionCases.map((c) => {
  const valid = withExtension(c.on, c.name, c.extension);
  const at = `$.extensions['${c.name}']`;
  const wrongHost = c.on.type === 'file' ? traffic : file;
  return {
    name: c.name,
    valid,
    broken: [
      ...c.broken.map((b) => ({
        rule: b.rule,
        change: (o: Json) => ({ ...o, extensions: { [c.name]: b.change(c.extension) } }),
        path: at + b.path,
      })),
      { rule: `applies only to ${c.on.type}`, change: () => withExtension(wrongHost, c.name, c.extension), path: at },
    ],
  };
});
