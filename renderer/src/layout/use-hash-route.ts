import { useEffect, useState } from 'react';

/** The #/route, without a fragment GoTrue may have appended to it (#/route#access_token=…). */
function read(): string {
  return window.location.hash.replace(/^#\/?/, '').split('#')[0] ?? '';
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
