import type { ExtensionSpec, PropertySpecs, PropertyType } from '../../spec/property-spec.ts';
import {
  atLeastOneOf, count, flag, hashes, hex, integer, openVocab, refs, stringDictionary, text, timestamp,
} from './sco-spec-builders.ts';

/** STIX 2.1 §6.7 Archive File Extension. */
export const archiveExt: ExtensionSpec = Object.freeze<ExtensionSpec>({
  name: 'archive-ext',
  appliesTo: ['file'],
  properties: {
    contains_refs: { ...refs('file', 'directory'), required: true },
    comment: text,
  },
});

/** STIX 2.1 §6.7 NTFS File Extension. */
export const ntfsExt: ExtensionSpec = Object.freeze<ExtensionSpec>({
  name: 'ntfs-ext',
  appliesTo: ['file'],
  properties: {
    sid: text,
    alternate_data_streams: {
      type: {
        kind: 'list',
        of: { kind: 'object', properties: { name: { ...text, required: true }, hashes, size: count } },
      },
    },
  },
  atLeastOneOf: ['sid', 'alternate_data_streams'],
});

/** STIX 2.1 §6.7 PDF File Extension. */
export const pdfExt: ExtensionSpec = Object.freeze<ExtensionSpec>({
  name: 'pdf-ext',
  appliesTo: ['file'],
  properties: { version: text, is_optimized: flag, document_info_dict: stringDictionary, pdfid0: text, pdfid1: text },
  atLeastOneOf: ['version', 'is_optimized', 'document_info_dict', 'pdfid0', 'pdfid1'],
});

/** STIX 2.1 §6.7 Raster Image File Extension. */
export const rasterImageExt: ExtensionSpec = Object.freeze<ExtensionSpec>({
  name: 'raster-image-ext',
  appliesTo: ['file'],
  properties: {
    image_height: integer,
    image_width: integer,
    bits_per_pixel: integer,
    exif_tags: { type: { kind: 'dictionary' } },
  },
  checks: [
    // §6.7: EXIF tag values are strings or integers.
    (extension, report) => {
      const tags = extension.exif_tags;
      if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return;
      for (const [name, value] of Object.entries(tags)) {
        if (typeof value !== 'string' && !Number.isInteger(value)) {
          report.error(`$.exif_tags['${name}']`, 'an EXIF tag value must be a string or an integer');
        }
      }
    },
  ],
  atLeastOneOf: ['image_height', 'image_width', 'bits_per_pixel', 'exif_tags'],
});

/** STIX 2.1 §10 windows-pebinary-type-ov. */
export const windowsPebinaryTypes = Object.freeze(['dll', 'exe', 'sys']);

const optionalHeaderProperties: PropertySpecs = {
  magic_hex: hex,
  major_linker_version: integer,
  minor_linker_version: integer,
  size_of_code: count,
  size_of_initialized_data: count,
  size_of_uninitialized_data: count,
  address_of_entry_point: integer,
  base_of_code: integer,
  base_of_data: integer,
  image_base: integer,
  section_alignment: integer,
  file_alignment: integer,
  major_os_version: integer,
  minor_os_version: integer,
  major_image_version: integer,
  minor_image_version: integer,
  major_subsystem_version: integer,
  minor_subsystem_version: integer,
  win32_version_value_hex: hex,
  size_of_image: count,
  size_of_headers: count,
  checksum_hex: hex,
  subsystem_hex: hex,
  dll_characteristics_hex: hex,
  size_of_stack_reserve: count,
  size_of_stack_commit: count,
  size_of_heap_reserve: count,
  size_of_heap_commit: count,
  loader_flags_hex: hex,
  number_of_rva_and_sizes: integer,
  hashes,
};

/** STIX 2.1 §6.7 windows-pe-optional-header-type: at least one property. */
const optionalHeader: PropertyType = {
  kind: 'object',
  properties: optionalHeaderProperties,
  checks: [atLeastOneOf(Object.keys(optionalHeaderProperties), 'optional_header')],
};

/** STIX 2.1 §6.7 windows-pe-section-type. */
const section: PropertyType = {
  kind: 'object',
  properties: { name: { ...text, required: true }, size: count, entropy: { type: { kind: 'float' } }, hashes },
};

/** STIX 2.1 §6.7 Windows PE Binary File Extension. */
export const windowsPebinaryExt: ExtensionSpec = Object.freeze<ExtensionSpec>({
  name: 'windows-pebinary-ext',
  appliesTo: ['file'],
  properties: {
    pe_type: openVocab(windowsPebinaryTypes, true),
    imphash: text,
    machine_hex: hex,
    number_of_sections: count,
    time_date_stamp: timestamp,
    pointer_to_symbol_table_hex: hex,
    number_of_symbols: count,
    size_of_optional_header: count,
    characteristics_hex: hex,
    file_header_hashes: hashes,
    optional_header: { type: optionalHeader },
    sections: { type: { kind: 'list', of: section } },
  },
});

/** The predefined extensions of `file`. */
export const fileExtensions: readonly ExtensionSpec[] = Object.freeze([
  archiveExt, ntfsExt, pdfExt, rasterImageExt, windowsPebinaryExt,
]);
