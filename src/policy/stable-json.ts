// JSON with object keys sorted at every depth, so a rerun on the same data writes the same bytes
// (CONVENTIONS: deterministic output). Arrays keep their order: callers sort them where order is free.

export function stableJson(value: unknown, indent = 2): string {
  // DEL, C1 controls and invisible characters can only occur inside JSON strings, where \uXXXX means
  // the same character: escaping them keeps the data and stops a name from disguising the file.
  return JSON.stringify(sortKeys(value), null, indent).replace(
    /[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i += 1) out[i] = sortKeys(value[i]);
    return out;
  }
  if (value !== null && typeof value === 'object') {
    // A plain loop (pages build thousands of these per second). defineProperty for "__proto__", so a
    // tool with that name stays a key, not a prototype.
    const out: Record<string, unknown> = {};
    const keys = Object.keys(value).sort(compareStrings);
    for (const key of keys) {
      const child = (value as Record<string, unknown>)[key];
      if (child === undefined) continue;
      if (key === '__proto__') Object.defineProperty(out, key, { value: sortKeys(child), enumerable: true, writable: true, configurable: true });
      else out[key] = sortKeys(child);
    }
    return out;
  }
  return value;
}

/** Code-unit order, independent of the machine's locale (localeCompare is not). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
