// Findings about how the text is laid out rather than what it says: invisible characters and
// padding that pushes a payload out of a reviewer's view.
import type { Hit } from './hostile-combos.ts';
import { visible, type InvisibleReport } from './normalize-text.ts';

/** Runs this long are padding: of whitespace (and zero-width characters), or of one repeated character. */
const LONG_RUN = 200;
/** A line with no letters or digits: blank, dots, rules. */
const EMPTY_LINE = /^[^\p{L}\p{N}]*$/u;
const PADDING_LINES = 25;

export function paddingHits(raw: string, where: string): Array<Hit & { excerpt?: string }> {
  const hits: Array<Hit & { excerpt?: string }> = [];
  const n = raw.length;
  if (n < 200) return hits;
  const scanned = raw.length > 200_000 ? raw.slice(0, 200_000) : raw;
  const wsAt = firstRun(scanned, true);
  if (wsAt >= 0) {
    const ws = scanned.slice(wsAt, runEnd(scanned, wsAt, true));
    const after = raw.slice(wsAt + ws.length).trim();
    hits.push({
      id: 'whitespace-padding', kind: 'length_padding', weight: after.length > 0 ? 3 : 2.5, index: -1, length: 0,
      message: `${ws.length} consecutive whitespace characters in the ${where}${after.length > 0 ? ', with text hidden after them' : ''}`,
      excerpt: visible(`…${ws.slice(0, 12)}…${after.slice(0, 100)}`).replace(/\n/g, '\\n'),
    });
  } else if (n > 1500) {
    let run = 0;
    let best = 0;
    for (const line of raw.slice(0, 200_000).split('\n')) {
      if (EMPTY_LINE.test(line)) {
        run++;
        if (run > best) best = run;
      } else run = 0;
    }
    if (best >= PADDING_LINES) {
      hits.push({ id: 'line-padding', kind: 'length_padding', weight: 3, index: -1, length: 0, message: `${best} consecutive empty or filler lines in the ${where}` });
    }
  }
  const repAt = firstRun(scanned, false);
  if (repAt >= 0) {
    const rep = scanned.slice(repAt, runEnd(scanned, repAt, false));
    hits.push({ id: 'repeat-padding', kind: 'length_padding', weight: 2, index: -1, length: 0, message: `a character repeated ${rep.length} times in the ${where}`, excerpt: visible(rep.slice(0, 20)) + '…' });
  }
  // Long manuals exist (a diagram tool's 35k-character style guide): length alone is a low note up to
  // 60k characters and a medium finding beyond; padding or other hits beside it raise it further.
  if (n >= 20_000) {
    const repeated = mostlyRepeated(scanned);
    const weight = n >= 60_000 || repeated ? 2 : 1.5;
    hits.push({ id: 'extreme-length', kind: 'length_padding', weight, index: -1, length: 0, message: `the ${where} is ${n} characters long${repeated ? ', mostly the same sentences over and over' : ''}` });
  }
  else if (n >= 8_000) hits.push({ id: 'long-text', kind: 'length_padding', weight: 1, index: -1, length: 0, message: `the ${where} is ${n} characters long` });
  return hits;
}

// The two runs, found by a character loop rather than a backreference regex (the same first match):
// of whitespace or zero-width characters (`[\s\u200b-\u200f\u2060\ufeff]{200,}`), or of one
// repeated non-space code unit (`([^\s])\1{199,}`).

/** Where the first run of at least LONG_RUN starts, or -1. */
function firstRun(text: string, whitespace: boolean): number {
  let at = 0;
  while (at + LONG_RUN <= text.length) {
    const end = runEnd(text, at, whitespace);
    if (end - at >= LONG_RUN) return at;
    at = end > at ? end : at + 1;
  }
  return -1;
}

/** The end of the run that starts at `at` (== at when no run starts there). */
function runEnd(text: string, at: number, whitespace: boolean): number {
  const first = text.charCodeAt(at);
  let i = at;
  if (whitespace) {
    while (i < text.length && isPadding(text.charCodeAt(i))) i++;
  } else if (!isSpace(first)) {
    while (i < text.length && text.charCodeAt(i) === first) i++;
  }
  return i;
}

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isPadding(c: number): boolean {
  return isSpace(c) || (c >= 0x200b && c <= 0x200f) || c === 0x2060;
}

/** Words in a row in styled letters that make a passage rather than a styled example. */
const STYLED_PASSAGE = 6;

/** `spoofSubject`: the text is about spoofed names (a homoglyph checker's example), so mixed scripts are a low note. */
export function invisibleHits(r: InvisibleReport, spoofSubject = false): Array<Hit & { excerpt?: string }> {
  const hits: Array<Hit & { excerpt?: string }> = [];
  // Most text has nothing invisible: return before any work.
  if (r.tagCount === 0 && r.binaryText === '' && r.bidiOverrideCount === 0 && r.bidiIsolateCount === 0 && r.zeroWidthCount === 0 && r.directionMarkCount === 0 && r.mixedScriptWords === 0 && r.styledRunWords < STYLED_PASSAGE) return hits;
  const add = (id: string, weight: number, message: string, excerpt: string): void => {
    hits.push({ id, kind: 'invisible_unicode', weight, message, index: -1, length: 0, excerpt });
  };
  if (r.tagCount > 0) add('tag-characters', 3.5, `${r.tagCount} invisible Unicode tag characters${r.tagText !== '' ? ' hiding text' : ''}`, hiddenExcerpt(r.tagText, r.sample));
  if (r.binaryText !== '') add('zero-width-binary', 3.5, 'zero-width characters encoding hidden text as binary', hiddenExcerpt(r.binaryText, r.sample));
  if (r.bidiOverrideCount > 0) add('bidi-override', 3, `${r.bidiOverrideCount} bidirectional override characters that reorder displayed text`, r.sample);
  if (r.bidiIsolateCount > 0) add('bidi-isolate', 2, `${r.bidiIsolateCount} bidirectional isolate characters`, r.sample);
  if (r.zeroWidthCount > 0) add('zero-width', r.zeroWidthCount >= 10 ? 2.5 : 2, `${r.zeroWidthCount} zero-width characters inside the text`, r.sample);
  if (r.directionMarkCount > 0) add('direction-marks', r.directionMarkCount >= 5 ? 2 : 1, `${r.directionMarkCount} direction marks`, r.sample);
  // A styled word or two is decoration ("'Launch day' → '𝗟𝗮𝘂𝗻𝗰𝗵 𝗱𝗮𝘆'"); a whole styled sentence is text kept from filters.
  if (r.styledRunWords >= STYLED_PASSAGE) {
    hits.push({ id: 'styled-passage', kind: 'obfuscated_payload', weight: 2, index: -1, length: 0, message: `a passage of ${r.styledRunWords} words written in styled Unicode letters, which word filters and reviewers skim past`, excerpt: r.sample });
  }
  if (r.mixedScriptWords > 0) {
    hits.push({ id: 'homoglyph', kind: 'homoglyph', weight: spoofSubject ? 1 : 2, index: -1, length: 0, message: `${r.mixedScriptWords} words mixing Latin with look-alike Cyrillic or Greek letters`, excerpt: r.sample });
  }
  return hits;
}

function hiddenExcerpt(hidden: string, sample: string): string {
  const h = hidden.replace(/\s+/g, ' ').trim();
  return h === '' ? sample : `hidden text: "${visible(h.slice(0, 140))}${h.length > 140 ? '…' : ''}"`;
}

/** Whether a long text is mostly copies of a few sentences (filler), unlike a long manual. */
function mostlyRepeated(text: string): boolean {
  const pieces = text.slice(0, 100_000).split(/[.!?]\s+|\n+/, 2000);
  if (pieces.length < 20) return false;
  return new Set(pieces).size < pieces.length * 0.3;
}
