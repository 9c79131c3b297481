// A phrase regex that runs where its matches can start, not over the whole text. The regex is split
// at its top-level alternatives; an alternative that must start a match at the start of one of a
// known set of words (`\b(?:prefer|choose|favou?r) …` starts at "prefer", "choose" or "fav…") is
// tried, sticky, only at the text's occurrences of those words, which the shared word scan
// (text-words.ts) has already found. Its cost then follows how often those words occur rather
// than how long the text is. Alternatives without such a start stay together in one ordinary regex.
import { LEXICON, type TextWords } from './text-words.ts';

export interface AnchoredMatch {
  index: number;
  /** The matched text and capture groups, numbered within the alternative that matched. */
  m: RegExpExecArray;
}

/** Half-open ranges of the text to read for the alternatives without an anchor (the whole text when not given). */
export type Ranges = ReadonlyArray<readonly [number, number]>;

export class AnchoredRegex {
  /** The anchored alternatives, sticky, in their order in the regex. */
  private readonly anchored: RegExp[] = [];
  /** By word id: the anchored alternatives (ascending) whose matches may start at that word. */
  private readonly byWord: Array<number[] | undefined> = [];
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
      if (words === undefined) {
        rest.push(alt);
        continue;
      }
      const k = this.anchored.length;
      this.anchored.push(new RegExp(alt, `${source.flags}y`));
      for (const id of LEXICON.idsOf(words)) {
        const list = this.byWord[id];
        if (list === undefined) this.byWord[id] = [k];
        else if (!list.includes(k)) list.push(k);
      }
    }
    this.rest = rest.length === 0 ? undefined : new RegExp(rest.join('|'), `${source.flags}g`);
  }

  /** How many alternatives run at word starts (for tests and diagnostics). */
  get anchoredCount(): number {
    return this.anchored.length;
  }

  /**
   * The leftmost match in `text` that `accept` takes, or undefined. `words` is the word scan of the
   * lowercased text, at the same offsets: its occurrences, in text order, are the candidate starts.
   * Ties at one offset go to the earlier alternative, as in the unsplit regex, except between the
   * rest and the anchored ones, or when a word is recorded under two entries ("send" and "send*"),
   * whose alternatives are tried entry by entry (rare; either way the match is a real one).
   */
  first(text: string, words: TextWords, accept: (match: AnchoredMatch) => boolean, ranges?: Ranges): AnchoredMatch | undefined {
    let rest = this.rest === undefined ? null : this.restFrom(this.rest, text, 0, ranges);
    const ids = words.occurrenceIds;
    const at = words.occurrenceAt;
    const byWord = this.byWord;
    for (let i = 0; i < ids.length; i++) {
      const list = byWord[ids[i] as number];
      if (list === undefined) continue;
      const p = at[i] as number;
      while (rest !== null && rest.index < p) {
        if (accept(rest)) return rest;
        rest = this.restFrom(this.rest as RegExp, text, rest.index + 1, ranges);
      }
      for (let j = 0; j < list.length; j++) {
        const re = this.anchored[list[j] as number] as RegExp;
        re.lastIndex = p;
        const m = re.exec(text);
        if (m === null) continue;
        const match = { index: p, m };
        if (accept(match)) return match;
      }
    }
    while (rest !== null) {
      if (accept(rest)) return rest;
      rest = this.restFrom(this.rest as RegExp, text, rest.index + 1, ranges);
    }
    return undefined;
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
  let start = 0;
  walkStructure(source, 0, (c, i, depth) => {
    if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
    return false;
  });
  out.push(source.slice(start));
  return out;
}

/**
 * Walks a regex source from `from`, calling `visit` with each character outside escapes and
 * character classes and the group depth before it, until `visit` returns true; returns that
 * character's offset, or -1.
 */
function walkStructure(source: string, from: number, visit: (c: string, i: number, depth: number) => boolean): number {
  let depth = 0;
  let inClass = false;
  for (let i = from; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (visit(c, i, depth)) return i;
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
  }
  return -1;
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
  const words = startWordsOf(body.slice(2), false);
  return words === undefined ? undefined : [...new Set(words)];
}

/** What can follow a word's last letter and end the word: a space, `\\s`, `\\b`, an apostrophe or quote, a comma. */
const WORD_END = /^(?: |\\s|\\b|'|"|,|\\.)(?![?*{])/;

/**
 * Start words of `body`, which sits right after a word boundary. `endsWord`: whether what follows
 * `body` ends a word (so a branch that is one bare word is that exact word, not a prefix).
 */
function startWordsOf(body: string, endsWord = false): string[] | undefined {
  if (body.startsWith('(?:')) {
    const close = closingParen(body, 0);
    if (close < 0) return undefined;
    const next = body[close + 1];
    const quantifier = next !== undefined && '?*{+'.includes(next) ? next : undefined;
    const after = body.slice(quantifier === '?' ? (body[close + 2] === '?' ? close + 3 : close + 2) : close + 1);
    const words: string[] = [];
    for (const branch of splitTopLevel(body.slice(3, close))) {
      const w = startWordsOf(branch, quantifier === undefined || quantifier === '?' ? WORD_END.test(after) || (after === '' && endsWord) : false);
      if (w === undefined) return undefined;
      words.push(...w);
    }
    if (quantifier === '?') {
      // Optional: a match may start with what follows instead (a lazy `??` too).
      const rest = startWordsOf(after, endsWord);
      return rest === undefined ? undefined : [...words, ...rest];
    }
    return quantifier === '*' || quantifier === '{' ? undefined : words;
  }
  const head = /^[A-Za-z0-9]+/.exec(body)?.[0] ?? '';
  if (head === '') return undefined;
  const rest = body.slice(head.length);
  const lower = head.toLowerCase();
  // A whole word: "the ", "don't" (the lexicon splits at the apostrophe), "they\b".
  if (WORD_END.test(rest) || (rest === '' && endsWord)) return [lower];
  // "an? ": "an" or "a", each a whole word.
  if (rest[0] === '?' && WORD_END.test(rest.slice(1)) && lower.length > 1) return [lower, lower.slice(0, -1)];
  // Otherwise a prefix, less a last letter a quantifier makes optional ("favou?r" starts "favo…").
  const stem = rest[0] !== undefined && '?*{'.includes(rest[0]) ? lower.slice(0, -1) : lower;
  return stem === '' ? undefined : [`${stem}*`];
}

/** Offset of the `)` closing the group that opens at `open`, or -1. */
function closingParen(source: string, open: number): number {
  return walkStructure(source, open, (c, _, depth) => c === ')' && depth === 1);
}
