import { Errors, ParleyError, type ErrorCode } from '../errors.ts';

/** A TAXII 2.1 error message resource (§3.6.1). */
export interface TaxiiErrorBody {
  title: string;
  description: string;
  error_id?: string;
  error_code: ErrorCode;
  http_status: string;
  details?: Record<string, unknown>;
}

/** Maps any thrown value to a TAXII error body and status; non-Parley errors become a 500 without internals. */
export function taxiiError(error: unknown, requestId: string): { status: number; body: TaxiiErrorBody } {
  const known = error instanceof ParleyError ? error : new ParleyError('INTERNAL', 'the server failed to handle the request');
  const status = Errors[known.code].status;
  return {
    status,
    body: { title: known.title, description: known.message, error_id: requestId, error_code: known.code, http_status: String(status) },
  };
}
