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
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties, so a tool named "__proto__" stays a key, not a prototype.
    return Object.fromEntries(
      Object.keys(value)
        .sort(compareStrings)
        .map((key) => [key, (value as Record<string, unknown>)[key]] as const)
        .filter(([, child]) => child !== undefined)
        .map(([key, child]) => [key, sortKeys(child)]),
    );
  }
  return value;
}

/** Code-unit order, independent of the machine's locale (localeCompare is not). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
