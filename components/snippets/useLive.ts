import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/** A Dexie query whose result follows the database, whoever writes (this page, the panel, a pack install). */
export function useLive<T>(query: () => Promise<T>, deps: unknown[] = []): { value: T | undefined; error: string } {
  const [state, setState] = useState<{ value: T | undefined; error: string }>({ value: undefined, error: '' });
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setState({ value, error: '' }),
      error: (e: unknown) => setState((s) => ({ ...s, error: `读取话术库失败：${(e as Error)?.message ?? e}` })),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return state;
}
