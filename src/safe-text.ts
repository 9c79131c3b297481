// Crawled text is stored in PostgreSQL, which refuses NUL characters in text and jsonb and lone
// UTF-16 surrogates in jsonb. Both are replaced with U+FFFD (visibly), everywhere in a value.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function safeText(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}

/** A deep copy with every string (keys too) made storable; other values unchanged. */
export function safeDeep<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === 'string') return safeText(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[safeText(key)] = walk(child);
    return out;
  }
  return value;
}
