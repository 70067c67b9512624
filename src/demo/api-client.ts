import { ParleyError } from '../errors.ts';

/** A small client of a node's `/api/` as one operator (docs: api-contract). */
export class ApiClient {
  readonly #base: string;
  readonly #username: string;
  readonly #password: string;
  #token: string | undefined;

  constructor(baseUrl: string, username: string, password: string) {
    this.#base = baseUrl.replace(/\/+$/, '');
    this.#username = username;
    this.#password = password;
  }

  /** Signs in (POST /api/session) and keeps the session token. */
  async login(): Promise<void> {
    const answer = await this.#call('POST', '/api/session', { username: this.#username, password: this.#password }, false);
    const token = (answer as { token?: unknown }).token;
    if (typeof token !== 'string') throw new ParleyError('INTERNAL', `${this.#base}/api/session answered no token`);
    this.#token = token;
  }

  /** GET a JSON resource. */
  get<T>(path: string): Promise<T> {
    return this.#call('GET', path) as Promise<T>;
  }

  /** POST a JSON body. */
  post<T>(path: string, body: unknown): Promise<T> {
    return this.#call('POST', path, body) as Promise<T>;
  }

  async #call(method: string, path: string, body?: unknown, auth = true): Promise<unknown> {
    if (auth && this.#token === undefined) await this.login();
    const response = await fetch(`${this.#base}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(auth ? { authorization: `Bearer ${this.#token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let value: unknown;
    try {
      value = text === '' ? null : JSON.parse(text);
    } catch {
      throw new ParleyError('INTERNAL', `${method} ${path}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`);
    }
    if (!response.ok) {
      const error = (value as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ParleyError('INTERNAL', `${method} ${path}: HTTP ${response.status} ${error?.code ?? ''} ${error?.message ?? text.slice(0, 200)}`.trim());
    }
    return value;
  }
}
