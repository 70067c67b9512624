import { ApiError, readApiError } from './api-error.ts';

/** Calls to the node's `/api/`, authenticated with the session's bearer token. */
export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  /** DELETE; resolves with nothing (the node answers 204). */
  delete(path: string): Promise<void>;
}

export interface ApiClientOptions {
  /** Prefix of every path; '' when the console is served by the node itself. */
  base: string;
  token: string | null;
  /** Called when the node answers 401, so the console can return to the sign-in page. */
  onUnauthorized: () => void;
}

/** Creates a client; network failures and error answers reject with an ApiError. */
export function createApiClient(options: Readonly<ApiClientOptions>): ApiClient {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(options.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw readApiError(0, '');
    }
    const text = await response.text();
    if (!response.ok) {
      if (response.status === 401) options.onUnauthorized();
      throw readApiError(response.status, text);
    }
    if (response.status === 204) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(response.status, 'MALFORMED_JSON', `The node's answer to ${path} is not JSON.`);
    }
  }
  return Object.freeze({
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body?: unknown) => call<T>('POST', path, body ?? {}),
    delete: (path: string) => call<void>('DELETE', path),
  });
}
