import type { ApiError } from '../api/api-error.ts';

/** An error from the node, announced to screen readers; the code helps when calling the node's administrator. */
export function ErrorNotice({ error, what }: { error: ApiError | Error | string | null; what?: string }) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  const code = typeof error === 'object' && 'code' in error ? ` (${error.code})` : '';
  return (
    <p class="notice notice-error" role="alert">
      {what ? `${what}: ` : ''}
      {message}
      {code}
    </p>
  );
}

/** The placeholder while a page's data is on its way. */
export function Loading({ what }: { what: string }) {
  return <p class="notice" aria-live="polite">Loading {what}…</p>;
}
