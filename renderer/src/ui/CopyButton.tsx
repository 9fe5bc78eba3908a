import { useEffect, useState } from 'react';

/**
 * One click puts a code, link or token on the clipboard. The button says it worked (or why not:
 * the clipboard needs a secure context, which http://127.0.0.1 and localhost are).
 */
export function CopyButton({ value, what }: { value: string; what: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      className="copy-button"
      aria-label={`Copy ${what}`}
      onClick={() => {
        navigator.clipboard.writeText(value).then(
          () => setState('copied'),
          () => setState('failed'),
        );
      }}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  );
}

/** A code with "Copy" and, where a step takes it, "Use this code". */
export function UseCodeButton({ code, onUse }: { code: string; onUse?: ((code: string) => void) | undefined }) {
  return (
    <span className="code-actions">
      <CopyButton value={code} what="code" />
      {onUse && (
        <button type="button" className="copy-button" onClick={() => onUse(code)}>
          Use this code
        </button>
      )}
    </span>
  );
}
