// Where the sentences of a text start and end, found in one pass over its characters. The same
// cut as `text.split(/(?<=[.!?])\s+|\n+/)`: whitespace after a sentence mark, or a run of newlines,
// without a lookbehind regex and without building a string per sentence.

export interface SentenceBounds {
  starts: number[];
  ends: number[];
}

/** Fills `out` with the bounds of every piece the split above would give, empty ones included. */
export function sentenceBounds(text: string, out: SentenceBounds): SentenceBounds {
  out.starts.length = 0;
  out.ends.length = 0;
  const n = text.length;
  let p = 0;
  let q = 0;
  while (q < n) {
    const c = text.charCodeAt(q);
    let e = q;
    if (q > 0 && isWhitespace(c) && isSentenceMark(text.charCodeAt(q - 1))) {
      while (e < n && isWhitespace(text.charCodeAt(e))) e++;
    } else if (c === 10) {
      while (e < n && text.charCodeAt(e) === 10) e++;
    } else {
      q++;
      continue;
    }
    out.starts.push(p);
    out.ends.push(q);
    p = e;
    q = e;
  }
  out.starts.push(p);
  out.ends.push(n);
  return out;
}

function isSentenceMark(c: number): boolean {
  return c === 46 || c === 33 || c === 63;
}

/** JavaScript's `\s`: ASCII whitespace, NBSP, the Unicode space separators, line and paragraph separators, BOM. */
function isWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
