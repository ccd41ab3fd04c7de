import { useEffect, useState } from 'react';

/**
 * The answer of a search the page runs as the person types: asked after a short pause (so each
 * keystroke does not reach the server), again whenever `key` changes, and an answer that arrives
 * after a newer question was asked is dropped.
 */
export function useSearchAnswer<T>(ask: () => Promise<T>, key: string): { answer: T | null; error: unknown } {
  const [answer, setAnswer] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => {
      ask().then(
        (next) => {
          if (!live) return;
          setAnswer(next);
          setError(null);
        },
        (err: unknown) => live && setError(err),
      );
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
    // `key` names everything `ask` depends on.
  }, [key]);
  return { answer, error };
}
