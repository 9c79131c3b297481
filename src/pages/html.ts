// A tagged-template HTML builder that escapes every interpolation unless it is explicitly marked
// trusted with raw(). Crawled names, descriptions and schemas are written by strangers, so the safe
// path has to be the default one. The escaper is our own (a few lines, exact): escape-html is only a
// transitive dependency here, and we also need to drop characters HTML cannot carry (NUL, lone
// surrogates), which no escaping library does.

/** Markup that is safe to insert as is: built by html``, or trusted text passed through raw(). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Anything html`` accepts: strings and numbers are escaped; SafeHtml is inserted; arrays are joined. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

// Besides the five markup characters: C0 controls other than tab/LF/CR, DEL, C1 controls and lone
// surrogates are parse errors or unencodable in UTF-8; they become U+FFFD so every page is valid.
const MARKUP = /[&<>"'`]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNREPRESENTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff]/u;
// With the u flag, [\ud800-\udfff] matches only lone surrogates; a valid pair is one code point.
// eslint-disable-next-line no-control-regex -- as above
const UNREPRESENTABLE_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff]/gu;

/** Text → HTML text or attribute value (quoted), exactly: never double-escapes, never drops text. */
export function escapeHtml(text: string): string {
  const clean = UNREPRESENTABLE.test(text) ? text.replace(UNREPRESENTABLE_ALL, '\ufffd') : text;
  return escapeMarkup(clean);
}

/** Escape the markup characters only: for text already known to hold nothing unrepresentable. */
function escapeMarkup(clean: string): string {
  if (!MARKUP.test(clean)) return clean;
  // A plain loop: pages are mostly escaping work, and this is several times faster than a
  // replace() with a callback.
  let out = '';
  let last = 0;
  for (let i = 0; i < clean.length; i += 1) {
    let entity: string;
    switch (clean.charCodeAt(i)) {
      case 38: entity = '&amp;'; break;
      case 60: entity = '&lt;'; break;
      case 62: entity = '&gt;'; break;
      case 34: entity = '&quot;'; break;
      case 39: entity = '&#39;'; break;
      case 96: entity = '&#96;'; break;
      default: continue;
    }
    out += clean.slice(last, i) + entity;
    last = i + 1;
  }
  return out + clean.slice(last);
}

/** Mark trusted markup (our own constants) as safe. Never pass crawled text here. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value as readonly HtmlValue[]) out += render(item);
    return out;
  }
  return escapeHtml(String(value));
}

/** html`<p>${text}</p>`: every ${} is escaped unless it is SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i += 1) {
    out += render(values[i]);
    out += strings[i + 1] ?? '';
  }
  return new SafeHtml(out);
}

/** Join items (each escaped unless SafeHtml) with a trusted separator. */
export function join(items: readonly HtmlValue[], separator = ''): SafeHtml {
  return new SafeHtml(items.map(render).join(separator));
}

/**
 * Characters that change what text means without showing themselves: Unicode tag characters (ASCII
 * smuggling), zero-width and joiner characters, bidi controls (Trojan Source), soft hyphen, BOM,
 * fillers, variation selectors supplement, and C0/C1 controls. A reader must see them.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- controls and lone combining marks are what we look for
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\u{e0000}-\u{e01ef}\ud800-\udfff]/gu;

// A cheaper pre-check without the u flag: it also matches any astral character (a surrogate pair),
// which then takes the exact path.
// eslint-disable-next-line no-control-regex, no-misleading-character-class -- as above
const MAYBE_INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\ud800-\udfff]/;

/** True when the text holds a character visible() would mark. */
export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}

/** The text as plain characters, each invisible one written as a \u{…} marker (for JSON and titles). */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (ch) => marker(ch));
}

/**
 * Crawled text → HTML with every invisible character shown as a highlighted \u{…} marker, so a
 * description that smuggles instructions in tag characters reads as what it is.
 */
export function visible(text: string | null | undefined): SafeHtml {
  if (text === null || text === undefined || text === '') return new SafeHtml('');
  // Fast path for the usual text; INVISIBLE covers every character escapeHtml would replace.
  if (!MAYBE_INVISIBLE.test(text)) return new SafeHtml(escapeMarkup(text));
  // Emoji and other astral characters pass the pre-check; most such text has nothing to mark.
  if (!hasInvisible(text)) return new SafeHtml(escapeMarkup(text));
  let out = '';
  let last = 0;
  INVISIBLE.lastIndex = 0;
  for (let m = INVISIBLE.exec(text); m !== null; m = INVISIBLE.exec(text)) {
    out += escapeHtml(text.slice(last, m.index));
    out += `<span class="invisible" title="invisible character">${marker(m[0])}</span>`;
    last = m.index + m[0].length;
  }
  out += escapeHtml(text.slice(last));
  return new SafeHtml(out);
}

/**
 * visible() for the content of an element (never an attribute): only &, < and > need escaping there,
 * so quote-heavy text such as the JSON and TOML exports is not rewritten character by character.
 */
export function visibleContent(text: string): SafeHtml {
  if (MAYBE_INVISIBLE.test(text) && hasInvisible(text)) return visible(text);
  if (!CONTENT_MARKUP.test(text)) return new SafeHtml(text);
  return new SafeHtml(text.replace(CONTENT_MARKUP_ALL, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;')));
}

const CONTENT_MARKUP = /[&<>]/;
const CONTENT_MARKUP_ALL = /[&<>]/g;

function marker(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return `\\u{${code.toString(16)}}`;
}
