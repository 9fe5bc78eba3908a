import { useEffect, useState } from 'react';

function read(): string {
  return window.location.hash.replace(/^#\/?/, '');
}

/** The flow id in the URL hash: keeps ?url=&key= untouched and works under any base path. */
export function useHashRoute(fallback: string): string {
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route || fallback;
}
