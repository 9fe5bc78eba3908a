import type { User } from '@supabase/supabase-js';
import { useId, useState } from 'react';
import { CopyButton } from '../ui/CopyButton.js';
import { formatJson, metadataPatch, parseMetadata, type ParsedMetadata } from './metadata-json.js';

type Field = 'user_metadata' | 'app_metadata';

const HINTS: Record<Field, string> = {
  user_metadata: 'What the user may change themselves (PUT /user data), e.g. full_name, avatar_url.',
  app_metadata: 'Only the service role may change it; it lands in the access token. provider and providers are GoTrue’s own.',
};

function JsonField({ field, text, parsed, onChange }: { field: Field; text: string; parsed: ParsedMetadata; onChange(text: string): void }) {
  const inputId = useId();
  const errorId = useId();
  return (
    <div className="metadata-field">
      <label htmlFor={inputId}>
        {/* one line: a label lays its children out as a column */}
        <span>
          <code>{field}</code> (JSON)
        </span>
      </label>
      <textarea
        id={inputId}
        rows={8}
        spellCheck={false}
        value={text}
        aria-invalid={!parsed.ok}
        aria-describedby={parsed.ok ? undefined : errorId}
        onChange={(e) => onChange(e.target.value)}
      />
      {parsed.ok ? (
        <p className="muted small">{HINTS[field]}</p>
      ) : (
        <p id={errorId} className="error-text small" role="alert">
          {parsed.error}
        </p>
      )}
    </div>
  );
}

/**
 * user_metadata and app_metadata as editable JSON, saved with PUT /admin/users/{id}
 * (auth.admin.updateUserById). Mount it with a key of the saved metadata, so a reload starts over.
 */
export function MetadataEditor({ user, busy, onSave }: { user: User; busy: boolean; onSave(changes: Partial<Record<Field, Record<string, unknown>>>): void }) {
  const saved: Record<Field, Record<string, unknown>> = { user_metadata: user.user_metadata ?? {}, app_metadata: user.app_metadata ?? {} };
  const [texts, setTexts] = useState<Record<Field, string>>({ user_metadata: formatJson(saved.user_metadata), app_metadata: formatJson(saved.app_metadata) });
  const parsed = { user_metadata: parseMetadata(texts.user_metadata, 'user_metadata'), app_metadata: parseMetadata(texts.app_metadata, 'app_metadata') };
  const changes: Partial<Record<Field, Record<string, unknown>>> = {};
  for (const field of ['user_metadata', 'app_metadata'] as const) {
    const p = parsed[field];
    if (!p.ok) continue;
    const patch = metadataPatch(saved[field], p.value);
    if (Object.keys(patch).length > 0) changes[field] = patch;
  }
  const valid = parsed.user_metadata.ok && parsed.app_metadata.ok;
  const changed = Object.keys(changes).length > 0;
  return (
    <form
      className="metadata-editor"
      aria-label="Metadata"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid && changed) onSave(changes);
      }}
    >
      <div className="detail-columns">
        {(['user_metadata', 'app_metadata'] as const).map((field) => (
          <JsonField key={field} field={field} text={texts[field]} parsed={parsed[field]} onChange={(text) => setTexts((t) => ({ ...t, [field]: text }))} />
        ))}
      </div>
      <p className="muted small">
        GoTrue merges metadata key by key: a key left out of the body stays. So a key you delete here is sent as{' '}
        <code>null</code>, which removes it; keys you did not change are not sent.
      </p>
      <div className="row">
        <button type="submit" disabled={busy || !valid || !changed}>
          Save metadata
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => setTexts({ user_metadata: formatJson(saved.user_metadata), app_metadata: formatJson(saved.app_metadata) })}
        >
          Undo edits
        </button>
        {valid && changed && (
          <span className="muted small">
            Will send: <code>{JSON.stringify(changes)}</code>
          </span>
        )}
      </div>
    </form>
  );
}

/** The user object exactly as GET /admin/users/{id} answered it. */
export function RawUserJson({ user }: { user: User }) {
  const json = formatJson(user);
  return (
    // .jwt: the explorer's code box (bordered, wrapping), as for decoded tokens
    <details className="raw-json jwt">
      <summary>Raw JSON</summary>
      <div className="row">
        <CopyButton value={json} what="user JSON" />
      </div>
      {/* focusable: a box that scrolls must be reachable by keyboard */}
      <pre role="region" aria-label="Raw user JSON" tabIndex={0}>
        {json}
      </pre>
    </details>
  );
}
