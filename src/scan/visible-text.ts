// Tool names, descriptions and excerpts are written by strangers: before they reach a terminal or a
// pull-request comment, control and invisible characters are written as \u{…} and, for Markdown,
// everything that could format, link, mention or break out is neutralised.

// C0/C1 controls, soft hyphen, ALM, zero-width and bidi controls, word joiners and isolates, BOM,
// line/paragraph separators and the invisible tag block (ASCII smuggling).
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\u{e0000}-\u{e007f}]|[\ud800-\udfff]/gu;

/** One line of terminal-safe text. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (c) => (c === '\n' || c === '\t' ? ' ' : `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`));
}

/**
 * A Markdown code span holding any text literally: no links, mentions, emphasis or HTML inside. The
 * fence is one backtick longer than the longest run in the text; "|" is escaped so a table cell holds.
 */
export function mdCode(text: string): string {
  const body = visibleText(text).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || body.length === 0 ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Plain Markdown text (our own messages, which may quote a parameter name): nothing is interpreted. */
export function mdText(text: string): string {
  return visibleText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;')
    .replace(/:\/\//g, '&#58;//')
    .replace(/[\\`*_{}[\]|~]/g, (c) => `\\${c}`);
}

/** Text inside raw HTML (a `<summary>` line, where Markdown is not parsed): escaped, in a code element. */
export function htmlCode(text: string): string {
  const escaped = visibleText(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/@/g, '&#64;');
  return `<code>${escaped}</code>`;
}
