import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.ts';
import type { ApiError } from '../api/api-error.ts';
import type { SessionAnswer } from '../api/types.ts';
import { ErrorNotice } from '../components/error-notice.tsx';

/** Sign-in with one of the node's operator accounts; the answer's token is kept for this tab only. */
export function SignInPage({ api, onSignedIn }: { api: ApiClient; onSignedIn: (answer: SessionAnswer) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.post<SessionAnswer>('/api/session', { username, password }));
    } catch (failure) {
      setError(failure as ApiError);
      setBusy(false);
    }
  }

  return (
    <main id="main" class="sign-in">
      <h1>Parley — duty officer's console</h1>
      <form onSubmit={submit} aria-describedby="sign-in-help">
        <p id="sign-in-help">Sign in with your operator account on this node.</p>
        <label>
          Operator name
          <input name="username" autocomplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label>
          Password
          <input name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <ErrorNotice error={error?.code === 'UNAUTHORIZED' ? 'Operator name or password is wrong.' : error} />
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
