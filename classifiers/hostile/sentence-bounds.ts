// Where the sentences of a text start and end, found in one pass over its characters. The same
// cut as `text.split(/(?<=[.!?])\s+|\n+/)`: whitespace after a sentence mark, or a run of newlines,
// without a lookbehind regex and without building a string per sentence.

export interface SentenceBounds {
  starts: number[];
  ends: number[];
}

/** A candidate cut: whitespace right after a sentence mark, or a newline (found natively, not char by char). */
const CUT = /[.!?]\s|\n/g;

/** Fills `out` with the bounds of every piece the split above would give, empty ones included. */
export function sentenceBounds(text: string, out: SentenceBounds): SentenceBounds {
  out.starts.length = 0;
  out.ends.length = 0;
  const n = text.length;
  let p = 0;
  CUT.lastIndex = 0;
  for (let m = CUT.exec(text); m !== null; m = CUT.exec(text)) {
    // After a mark the cut is the whole whitespace run; a bare newline cuts at its run of newlines.
    const afterMark = m[0].length === 2;
    const q = afterMark ? m.index + 1 : m.index;
    let e = q;
    if (afterMark) while (e < n && isWhitespace(text.charCodeAt(e))) e++;
    else while (e < n && text.charCodeAt(e) === 10) e++;
    out.starts.push(p);
    out.ends.push(q);
    p = e;
    CUT.lastIndex = e;
  }
  out.starts.push(p);
  out.ends.push(n);
  return out;
}

/** JavaScript's `\s`: ASCII whitespace, NBSP, the Unicode space separators, line and paragraph separators, BOM. */
function isWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
