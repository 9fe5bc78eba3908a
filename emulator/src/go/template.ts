/**
 * The part of Go's text/template and html/template that GoTrue's mail and SMS templates use, with
 * html/template's escaping and URL filtering for mails.
 */

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[ch]!);

/**
 * Go's html/template filters a value that begins a URL attribute (href="{{ .X }}"): a scheme other
 * than http, https or mailto (javascript:, data:, vbscript:, or " javascript:" with a space, since
 * it reads the text before the first colon as is) becomes "#ZgotmplZ", so a link built from user
 * input cannot run script when clicked. The attributes are its URL ones, and any whose name
 * mentions url, uri or src.
 */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'cite', 'background', 'longdesc', 'usemap', 'poster', 'codebase', 'data', 'manifest', 'profile', 'icon', 'classid', 'archive']);
const OPEN_ATTRIBUTE = /^<[a-zA-Z][^<>]*\s([\w:-]+)\s*=\s*["']?$/;

function startsUrlAttribute(htmlSoFar: string): boolean {
  // only the text since the last tag opened: a tag's attributes never span another '<'
  const name = OPEN_ATTRIBUTE.exec(htmlSoFar.slice(htmlSoFar.lastIndexOf('<')))?.[1]?.toLowerCase();
  if (!name) return false;
  const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
  return URL_ATTRIBUTES.has(local) || /url|uri|src/.test(local);
}

function filterUrl(value: string): string {
  const colon = value.indexOf(':');
  if (colon < 0 || value.slice(0, colon).includes('/')) return value;
  return ['http', 'https', 'mailto'].includes(value.slice(0, colon).toLowerCase()) ? value : '#ZgotmplZ';
}

function lookup(data: Record<string, unknown>, path: string): unknown {
  let value: unknown = data;
  for (const key of path.split('.').filter(Boolean)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const truthy = (v: unknown) => !(v === undefined || v === null || v === false || v === '' || v === 0 || (Array.isArray(v) && v.length === 0));

/**
 * The part of Go's html/template that mail templates use: {{ .Path.To.Value }}, and
 * {{ if .X }} ... {{ else }} ... {{ end }}. Values are HTML-escaped, and unsafe URL schemes at the
 * start of a URL attribute neutralised, as html/template does.
 */
export function renderTemplate(template: string, data: Record<string, unknown>, escape = true): string {
  const tokens = template.split(/({{-?\s*.*?\s*-?}})/s);
  let out = '';
  const stack: { active: boolean; parentActive: boolean; matched: boolean }[] = [];
  const active = () => stack.every((f) => f.active);
  for (const token of tokens) {
    const action = /^{{-?\s*(.*?)\s*-?}}$/s.exec(token)?.[1];
    if (action === undefined) {
      if (active()) out += token;
      continue;
    }
    const ifMatch = /^if\s+\.([\w.]*)$/.exec(action);
    if (ifMatch) {
      const parentActive = active();
      const cond = truthy(lookup(data, ifMatch[1]!));
      stack.push({ active: cond, parentActive, matched: cond });
    } else if (action === 'else' && stack.length) {
      const frame = stack[stack.length - 1]!;
      frame.active = !frame.matched;
    } else if (action === 'end' && stack.length) {
      stack.pop();
    } else if (/^\.[\w.]*$/.test(action)) {
      if (!active()) continue;
      const value = lookup(data, action.slice(1));
      const text = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
      out += escape ? escapeHtml(startsUrlAttribute(out) ? filterUrl(text) : text) : text;
    } else if (active()) {
      out += token; // not a construct we know: leave it visible rather than guess
    }
  }
  return out;
}

/** A readable text part for the HTML body, for inbox tools that read Text: links keep their URL. */
