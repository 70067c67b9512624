/**
 * The one table of Parley's error codes. Every layer above the STIX core reports failures as a
 * ParleyError with one of these codes; the TAXII and hotline APIs map them to HTTP status and error bodies here.
 */
export const Errors = {
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  INVALID_FILTER: { status: 400, title: 'Invalid filter' },
  MALFORMED_JSON: { status: 400, title: 'Malformed JSON' },
  UNAUTHORIZED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  NOT_ACCEPTABLE: { status: 406, title: 'Media type not acceptable' },
  CONFLICT: { status: 409, title: 'Conflict' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  INVALID_STIX: { status: 422, title: 'Object is not valid STIX 2.1' },
  SIGNATURE_INVALID: { status: 403, title: 'Signature does not verify' },
  KEY_NOT_VALID: { status: 403, title: 'Signing key not valid at signing time' },
  UNKNOWN_PARTY: { status: 403, title: 'Unknown party' },
  RECIPIENT_MISMATCH: { status: 403, title: 'Recipient mismatch' },
  REPLAY: { status: 409, title: 'Message already received' },
  TLP_VIOLATION: { status: 403, title: 'TLP marking forbids this' },
  AGREEMENT_NOT_IN_FORCE: { status: 409, title: 'Agreement not in force' },
  EVIDENCE_MISMATCH: { status: 422, title: 'Attached evidence does not match its hash' },
  INVALID_REPLY: { status: 422, title: 'Reply does not fit its thread' },
  LOG_TAMPERED: { status: 500, title: 'Log does not verify' },
  UNAVAILABLE: { status: 503, title: 'Service unavailable' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof Errors;

/** An error as a value: a code from the closed table plus a message a user can act on. */
export class ParleyError extends Error {
  override readonly name = 'ParleyError';
  constructor(
    readonly code: ErrorCode,
    detail: string,
    override readonly cause?: unknown,
  ) {
    super(detail);
  }

  /** The HTTP status this error maps to. */
  get status(): number {
    return Errors[this.code].status;
  }

  /** The error's title from the table. */
  get title(): string {
    return Errors[this.code].title;
  }
}

/** True when a value is a ParleyError with the given code (or any code). */
export function isParleyError(value: unknown, code?: ErrorCode): value is ParleyError {
  return value instanceof ParleyError && (code === undefined || value.code === code);
}
