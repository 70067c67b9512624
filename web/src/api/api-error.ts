/** A failed call to the node's API, carrying the error code from the node's error table when it sent one. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Turns an error answer into an ApiError. The contract's body is `{ error: { code, message } }`; anything else
 * (a proxy's HTML page, an empty body) still yields a message an officer can act on.
 */
export function readApiError(status: number, bodyText: string): ApiError {
  try {
    const body = JSON.parse(bodyText) as { error?: { code?: unknown; message?: unknown } };
    if (body.error && typeof body.error.code === 'string' && typeof body.error.message === 'string') {
      return new ApiError(status, body.error.code, body.error.message);
    }
  } catch {
    // Not JSON: fall through to the status line below.
  }
  const code = status === 401 ? 'UNAUTHORIZED' : status === 0 ? 'UNAVAILABLE' : 'HTTP_' + status;
  const message = status === 0 ? 'The node cannot be reached.' : `The node answered HTTP ${status}.`;
  return new ApiError(status, code, message);
}
