import type { ObjectTypeSpec, PropertyType } from '../../spec/property-spec.ts';
import { flag, notBoth, ref, refs, requiredText, text, texts, timestamp } from './sco-spec-builders.ts';

/** STIX 2.1 §6.5 Email Address. */
export const emailAddr: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'email-addr',
  category: 'sco',
  properties: {
    value: requiredText,
    display_name: text,
    belongs_to_ref: ref('user-account'),
  },
  idContributing: ['value'],
});

/** STIX 2.1 §6.6 email-mime-part-type: exactly one of body or body_raw_ref. */
const mimePart: PropertyType = {
  kind: 'object',
  properties: {
    body: text,
    body_raw_ref: ref('artifact', 'file'),
    content_type: text,
    content_disposition: text,
  },
  checks: [
    (part, report) => {
      if (part.body === undefined && part.body_raw_ref === undefined) {
        report.error('$', 'a MIME part must have one of body or body_raw_ref');
      }
    },
    notBoth('body', 'body_raw_ref'),
  ],
};

/** STIX 2.1 §6.6 Email Message. */
export const emailMessage: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'email-message',
  category: 'sco',
  properties: {
    is_multipart: { ...flag, required: true },
    date: timestamp,
    content_type: text,
    from_ref: ref('email-addr'),
    sender_ref: ref('email-addr'),
    to_refs: refs('email-addr'),
    cc_refs: refs('email-addr'),
    bcc_refs: refs('email-addr'),
    message_id: text,
    subject: text,
    received_lines: texts,
    additional_header_fields: { type: { kind: 'dictionary' } },
    body: text,
    body_multipart: { type: { kind: 'list', of: mimePart } },
    raw_email_ref: ref('artifact'),
  },
  checks: [
    // §6.6: body only for a single-part message, body_multipart only for a multipart one.
    (object, report) => {
      if (object.is_multipart === true && object.body !== undefined) {
        report.error('$.body', 'body must not be present when is_multipart is true (use body_multipart)');
      }
      if (object.is_multipart === false && object.body_multipart !== undefined) {
        report.error('$.body_multipart', 'body_multipart must not be present when is_multipart is false (use body)');
      }
    },
    // §6.6: each header field's value is a string, or a list of strings when the header repeats.
    (object, report) => {
      const fields = object.additional_header_fields;
      if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return;
      for (const [name, value] of Object.entries(fields)) {
        const ok = typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
        if (!ok) report.error(`$.additional_header_fields['${name}']`, 'a header field value must be a string or a list of strings');
      }
    },
  ],
  idContributing: ['from_ref', 'subject', 'body'],
});
