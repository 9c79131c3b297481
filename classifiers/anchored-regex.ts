// A phrase regex that runs where its matches can start, not over the whole text. The regex is split
// at its top-level alternatives; an alternative that must start a match at the start of one of a
// known set of words (`\b(?:prefer|choose|favou?r) …` starts at "prefer", "choose" or "fav…") is
// tried, sticky, only at the text's occurrences of those words, which the shared word scan
// (text-words.ts) has already found. Its cost then follows how often those words occur rather
// than how long the text is. Alternatives without such a start stay together in one ordinary regex.
import { LEXICON, type TextWords } from './text-words.ts';

/** Texts shorter than this run the whole regex in one pass: finding the start words costs more there (measured on the bench corpora). */
const ANCHOR_MIN_LENGTH = 600;

export interface AnchoredMatch {
  index: number;
  /** The matched text and capture groups, numbered within the alternative that matched. */
  m: RegExpExecArray;
}

interface Anchored {
  re: RegExp;
  ids: Int32Array;
}

/** Half-open ranges of the text to read for the alternatives without an anchor (the whole text when not given). */
export type Ranges = ReadonlyArray<readonly [number, number]>;

export class AnchoredRegex {
  private readonly anchored: Anchored[] = [];
  /** The whole regex, global: on a short text one pass costs less than finding the start words. */
  private readonly plain: RegExp;
  /** Every alternative without a known first word, together, as a global regex; undefined when none. */
  private readonly rest: RegExp | undefined;

  /** `keepGroups`: the caller reads capture groups by number, which splitting would renumber. */
  constructor(readonly source: RegExp, keepGroups = false) {
    const alternatives = splitTopLevel(source.source);
    // A backreference would point elsewhere once the regex is split.
    const splittable = !keepGroups && !/\\[1-9]/.test(source.source);
    const rest: string[] = [];
    for (const alt of splittable ? alternatives : [source.source]) {
      const words = splittable ? startWords(alt) : undefined;
      if (words === undefined) rest.push(alt);
      else this.anchored.push({ re: new RegExp(alt, `${source.flags}y`), ids: LEXICON.idsOf(words) });
    }
    this.rest = rest.length === 0 ? undefined : new RegExp(rest.join('|'), `${source.flags}g`);
    this.plain = new RegExp(source.source, `${source.flags}g`);
  }

  /** How many alternatives run at word starts (for tests and diagnostics). */
  get anchoredCount(): number {
    return this.anchored.length;
  }

  /**
   * The leftmost match in `text` that `accept` takes, or undefined. `words` is the word scan of the
   * lowercased text, at the same offsets. Ties at one offset go to the earlier alternative, as in the
   * unsplit regex, except between anchored alternatives and the rest (rare; either is a real match).
   */
  first(text: string, words: TextWords, accept: (match: AnchoredMatch) => boolean, ranges?: Ranges): AnchoredMatch | undefined {
    if (text.length < ANCHOR_MIN_LENGTH) {
      for (let from = 0, round = 0; round < 50; round++) {
        const cur = this.restFrom(this.plain, text, from, undefined);
        if (cur === null || accept(cur)) return cur ?? undefined;
        from = cur.index + 1;
      }
      return undefined;
    }
    let from = 0;
    // Each alternative's next match at or after `from`; null once it has none left.
    const next: Array<AnchoredMatch | null | undefined> = new Array(this.anchored.length + 1);
    for (let round = 0; round < 50; round++) {
      let best: AnchoredMatch | undefined;
      for (let k = 0; k < this.anchored.length; k++) {
        let cur = next[k];
        if (cur === undefined || (cur !== null && cur.index < from)) next[k] = cur = this.anchoredFrom(this.anchored[k] as Anchored, text, words, from);
        if (cur !== null && (best === undefined || cur.index < best.index)) best = cur;
      }
      if (this.rest !== undefined) {
        let cur = next[this.anchored.length];
        if (cur === undefined || (cur !== null && cur.index < from)) next[this.anchored.length] = cur = this.restFrom(this.rest, text, from, ranges);
        if (cur !== null && (best === undefined || cur.index < best.index)) best = cur;
      }
      if (best === undefined || accept(best)) return best;
      from = best.index + 1;
    }
    return undefined;
  }

  private anchoredFrom(a: Anchored, text: string, words: TextWords, from: number): AnchoredMatch | null {
    const at = words.positionsOf(a.ids);
    for (let i = 0; i < at.length; i++) {
      const p = at[i] as number;
      if (p < from) continue;
      a.re.lastIndex = p;
      const m = a.re.exec(text);
      if (m !== null) return { index: p, m };
    }
    return null;
  }

  private restFrom(re: RegExp, text: string, from: number, ranges: Ranges | undefined): AnchoredMatch | null {
    if (ranges === undefined) {
      re.lastIndex = from;
      const m = re.exec(text);
      return m === null ? null : { index: m.index, m };
    }
    for (const [start, end] of ranges) {
      if (end <= from) continue;
      const window = start === 0 && end === text.length ? text : text.slice(start, end);
      re.lastIndex = Math.max(0, from - start);
      const m = re.exec(window);
      if (m !== null) return { index: start + m.index, m };
    }
    return null;
  }
}

/** A regex source split at its top-level `|` (outside groups, classes and escapes). */
export function splitTopLevel(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/**
 * The words (as lexicon prefixes, `head*`) one of which every match of an alternative starts with,
 * or undefined when the alternative can start otherwise. Reads `\bword…`, `\b(?:word…|word…)`,
 * nested groups, and an optional leading group (`\b(?:the )?only …` starts with "the" or "only"),
 * after any lookbehind: each branch's leading letters and digits, less a last one a quantifier
 * makes optional.
 */
export function startWords(alt: string): string[] | undefined {
  let body = alt;
  while (body.startsWith('(?<=') || body.startsWith('(?<!')) {
    const close = closingParen(body, 0);
    if (close < 0) return undefined;
    body = body.slice(close + 1);
  }
  if (!body.startsWith('\\b')) return undefined;
  const words = startWordsOf(body.slice(2));
  return words === undefined ? undefined : [...new Set(words)];
}

function startWordsOf(body: string): string[] | undefined {
  if (body.startsWith('(?:')) {
    const close = closingParen(body, 0);
    if (close < 0) return undefined;
    const words: string[] = [];
    for (const branch of splitTopLevel(body.slice(3, close))) {
      const w = startWordsOf(branch);
      if (w === undefined) return undefined;
      words.push(...w);
    }
    const quantifier = body[close + 1];
    if (quantifier === '?') {
      // Optional: a match may start with what follows instead (a lazy `??` too).
      const rest = startWordsOf(body.slice(body[close + 2] === '?' ? close + 3 : close + 2));
      return rest === undefined ? undefined : [...words, ...rest];
    }
    return quantifier === '*' || quantifier === '{' ? undefined : words;
  }
  let head = /^[A-Za-z0-9]+/.exec(body)?.[0] ?? '';
  const after = body[head.length];
  if (after !== undefined && '?*{'.includes(after)) head = head.slice(0, -1);
  return head === '' ? undefined : [`${head.toLowerCase()}*`];
}

/** Offset of the `)` closing the group that opens at `open`, or -1. */
function closingParen(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}
