import { useEffect, useRef } from 'react';

/** Runs `job` once when a step is shown and `when` holds (e.g. no result yet); StrictMode's second mount does not repeat it. */
export function useOnce(when: boolean, job: () => void): void {
  const done = useRef(false);
  useEffect(() => {
    if (when && !done.current) {
      done.current = true;
      job();
    }
    // Only on mount: later runs are the admin's ("Test again", "Check again").
  }, []);
}
