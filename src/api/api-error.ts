import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Errors, ParleyError, isParleyError, type ErrorCode } from '../errors.ts';

/** The JSON error body of the `/api/`: `{ error: { code, message } }`. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string };
}

/** Answers a ParleyError (anything else becomes INTERNAL without leaking its text) with the table's status. */
export function errorResponse(c: Context, error: unknown): Response {
  const parley = isParleyError(error) ? error : new ParleyError('INTERNAL', 'the node failed to answer this request', error);
  const body: ApiErrorBody = { error: { code: parley.code, message: parley.message } };
  return c.json(body, Errors[parley.code].status as ContentfulStatusCode);
}

/** Reads a JSON object body; anything unreadable or not an object is MALFORMED_JSON. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ParleyError('MALFORMED_JSON', 'the request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ParleyError('MALFORMED_JSON', 'the request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** A required non-empty string property of a body. */
export function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '') throw new ParleyError('BAD_REQUEST', `"${name}" must be a non-empty string`);
  return value;
}

/** An optional string property of a body (absent or a string). */
export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ParleyError('BAD_REQUEST', `"${name}" must be a string`);
  return value;
}
