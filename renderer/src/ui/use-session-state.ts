import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';

function read<T>(key: string, initial: () => T): T {
  try {
    const stored = window.sessionStorage.getItem(key);
    if (stored !== null) return JSON.parse(stored) as T;
  } catch {
    // unreadable: start over
  }
  return initial();
}

/**
 * useState kept in sessionStorage: following a mail link reloads the page, and the flow must find
 * its inputs and captured mail where the user left them.
 */
export function useSessionState<T>(key: string, initial: () => T): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState(() => read(key, initial));
  useEffect(() => {
    window.sessionStorage.setItem(key, JSON.stringify(value));
  }, [key, value]);
  return [value, setValue];
}
