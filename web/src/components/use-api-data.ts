import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.ts';
import type { ApiError } from '../api/api-error.ts';

/** The state of one GET: its data once loaded, the error if it failed, and a way to load it again. */
export interface ApiData<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Loads `path` from the node (again whenever the path changes); `null` skips loading. */
export function useApiData<T>(api: ApiClient, path: string | null): ApiData<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setLoading(true);
    api.get<T>(path).then(
      (value) => current && (setData(value), setError(null), setLoading(false)),
      (failure: ApiError) => current && (setError(failure), setLoading(false)),
    );
    return () => {
      current = false;
    };
  }, [api, path, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}
