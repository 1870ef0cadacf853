import { useCallback, useState } from 'react';

// What the admin chose on a screen (filters, selection, field choices) is kept for the session, per key, so that
// going to another screen and back loses nothing.
const memory = new Map<string, unknown>();

export function useRememberedState<T>(key: string, initial: T): [T, (v: T | ((old: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => (memory.has(key) ? (memory.get(key) as T) : initial));
  const set = useCallback(
    (v: T | ((old: T) => T)) => {
      setValue((old) => {
        const next = typeof v === 'function' ? (v as (o: T) => T)(old) : v;
        memory.set(key, next);
        return next;
      });
    },
    [key],
  );
  return [value, set];
}

/** For tests: forget everything remembered. */
export function forgetRememberedState(): void {
  memory.clear();
}
