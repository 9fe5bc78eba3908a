import { describe, expect, it } from 'vitest';
import { useInbox } from './support/inbox.js';

/** The attribute of the first element carrying it, unescaped as a browser would read it. */
function attribute(page: string, name: string): string | undefined {
  const raw = new RegExp(`${name}="([^"]*)"`).exec(page)?.[1];
  return raw?.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('inbox page search and delete', () => {
  const t = useInbox();
  const page = async (query: string) => (await fetch(`${t.url}/${query}`)).text();
  const ids = async () => ((await (await fetch(`${t.url}/api/v1/messages`)).json()) as { messages: { ID: string }[] }).messages.map((m) => m.ID);

  it('narrows the list with ?q= in Mailpit’s grammar, and keeps the search in each message’s link', async () => {
    await t.mail({ to: 'ada@example.com' });
    const grace = await t.mail({ to: 'grace@example.com', subject: 'Reset Your Password' });
    await t.mail({ to: 'ada@example.com', subject: 'Your Magic Link' });

    const html = await page(`?q=${encodeURIComponent('to:grace@example.com')}`);
    expect(html).toContain('1 of 3 messages match');
    expect(html).toContain('Reset Your Password');
    expect(html).not.toContain('Your Magic Link');
    expect(html).toContain(`href="/?q=to%3Agrace%40example.com&amp;id=${grace.id}"`);
    expect(html).toContain('value="to:grace@example.com"');

    const none = await page(`?q=${encodeURIComponent('subject:"no such mail"')}`);
    expect(none).toContain('0 of 3 messages match');
    expect(none).toContain('No mail matches “subject:&quot;no such mail&quot;”.');
    // no search: every message and the usual counts
    expect(await page('')).toContain('3 messages, 3 unread');
  });

  it('deletes only the matches from a search, and one open message by its ID', async () => {
    await t.mail({ to: 'ada@example.com' });
    const grace = await t.mail({ to: 'grace@example.com' });
    await t.mail({ to: 'lin@example.com' });

    // the header's button under a search: Mailpit's DELETE /api/v1/search, not DELETE /api/v1/messages
    const searched = await page(`?q=${encodeURIComponent('to:ada@example.com')}`);
    const matches = attribute(searched, 'data-delete')!;
    expect(matches).toBe('/api/v1/search?query=to%3Aada%40example.com');
    expect(attribute(searched, 'data-confirm')).toBe('Delete the matching mail?');
    expect(await (await fetch(`${t.url}${matches}`, { method: 'DELETE' })).text()).toBe('ok');
    expect(await ids()).toEqual(['msg2', 'msg1']);

    // an open message's Delete sends its ID, as the page's script does
    const open = await page(`?id=${grace.id}`);
    expect(attribute(open, 'data-delete-ids')).toBe(grace.id);
    const res = await fetch(`${t.url}${attribute(open, 'data-url')}`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ IDs: [attribute(open, 'data-delete-ids')] }),
    });
    expect(await res.text()).toBe('ok');
    expect(await ids()).toEqual(['msg2']);
    expect(attribute(open, 'data-then')).toBe('/');
  });

  it('shows recipients as Name <address>, or the bare address', async () => {
    await t.mail({ to_addresses: [{ Name: 'Grace Hopper', Address: 'grace@example.com' }, { Name: '', Address: 'ada@example.com' }] });
    const open = await page('?id=msg0');
    expect(open).toContain('Grace Hopper &lt;grace@example.com&gt;, ada@example.com');
    expect(open).not.toContain('{&quot;Name&quot;');
  });
});
