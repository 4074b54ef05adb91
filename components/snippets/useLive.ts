import { liveQuery, type Subscription } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';

/** A live query's latest answer: its value, or what went wrong reading it (the value before stays). */
export interface LiveAnswer<T> {
  value: T | undefined;
  error: unknown;
}

interface Started<T> {
  answer: LiveAnswer<T> | undefined;
  listener?: (answer: LiveAnswer<T>) => void;
  subscription: Subscription;
}

/** Live queries a page started before its first render, waiting for the component that shows them. */
const started = new Map<string, Started<unknown>>();

/**
 * Starts a view's live query while its code is still loading (options main.ts, side panel), so the first
 * render already has the rows: no skeleton frame, no second layout. Resolves once the first answer
 * (rows or error) is there. The first `useLiveQuery` with the same key takes the subscription over.
 */
export function startLive<T>(key: string, query: () => Promise<T>): Promise<void> {
  let answered!: () => void;
  const first = new Promise<void>((resolve) => (answered = resolve));
  const entry: Started<T> = { answer: undefined, subscription: undefined as unknown as Subscription };
  const deliver = (answer: LiveAnswer<T>) => {
    entry.answer = answer;
    entry.listener?.(answer);
    answered();
  };
  entry.subscription = liveQuery(query).subscribe({
    next: (value) => deliver({ value, error: undefined }),
    error: (error: unknown) => deliver({ value: entry.answer?.value, error }),
  });
  started.set(key, entry as Started<unknown>);
  return first;
}

/**
 * A Dexie query whose answer follows the database, whoever writes (this page, the panel, a pack install).
 * `key`: the name `startLive` started it under, if the page did; the query and deps must then not change.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[] = [], key?: string): LiveAnswer<T> {
  const [early] = useState(() => {
    const entry = key ? (started.get(key) as Started<T> | undefined) : undefined;
    if (entry) started.delete(key!);
    return entry;
  });
  const [answer, setAnswer] = useState<LiveAnswer<T>>(early?.answer ?? { value: undefined, error: undefined });
  const adopt = useRef(early);
  useEffect(() => {
    const early = adopt.current;
    adopt.current = undefined;
    if (early) {
      early.listener = setAnswer;
      if (early.answer) setAnswer(early.answer);
      return () => early.subscription.unsubscribe();
    }
    const subscription = liveQuery(query).subscribe({
      next: (value) => setAnswer({ value, error: undefined }),
      error: (error: unknown) => setAnswer((a) => ({ ...a, error })),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return answer;
}

/** useLiveQuery for the snippet library's views: the error as a sentence. */
export function useLive<T>(query: () => Promise<T>, deps: unknown[] = [], key?: string): { value: T | undefined; error: string } {
  const { value, error } = useLiveQuery(query, deps, key);
  return { value, error: error === undefined ? '' : `读取话术库失败：${(error as Error)?.message ?? error}` };
}
