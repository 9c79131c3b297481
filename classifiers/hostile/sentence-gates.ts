// Per-sentence gates for the co-occurrence rules: a regex runs on a sentence only when the sentence
// has a word every match of it needs. The words of a whole text are found in one scan (TextWords);
// this turns them into one bit mask per sentence, so a gate is an AND and a compare.
//
// A gate must be a necessary condition, never a heuristic: list for each alternative of the regex a
// word its match cannot lack. A literal that a match starts with after `\b`, or that follows a space
// inside it, begins a word of the text; if `\b` or a space follows it too, it is that whole word,
// else list it as a prefix (`exfiltrat*`).
import { LEXICON, type TextWords } from '../text-words.ts';

/** Passes when any clause passes; a clause (a bit mask of word groups) passes when each group has a word present. */
export type Gate = readonly number[];

const MAX_GROUPS = 31;
/** Word groups each word belongs to, by word id. */
const GROUPS_BY_WORD: number[] = [];
let groupCount = 0;

function group(words: readonly string[]): number {
  if (groupCount >= MAX_GROUPS) throw new Error('sentence gates: more than 31 word groups; widen the masks');
  const bit = 1 << groupCount++;
  for (const id of LEXICON.idsOf(words)) GROUPS_BY_WORD[id] = (GROUPS_BY_WORD[id] ?? 0) | bit;
  return bit;
}

/** A gate that passes when any of the words is present. */
export function anyWord(words: readonly string[]): Gate {
  return [group(words)];
}

/** A gate that passes when each list has a word present. */
export function allOf(...lists: ReadonlyArray<readonly string[]>): Gate {
  let clause = 0;
  for (const words of lists) clause |= group(words);
  return [clause];
}

/** A gate that passes when any of the gates passes. */
export function eitherOf(...gates: Gate[]): Gate {
  return gates.flat();
}

export function opens(mask: number, gate: Gate): boolean {
  for (let i = 0; i < gate.length; i++) {
    const clause = gate[i] ?? 0;
    if ((mask & clause) === clause) return true;
  }
  return false;
}

/** The word-group mask of each sentence [starts[i], ends[i]), for the first `count` sentences. */
export function sentenceMasks(words: TextWords, starts: readonly number[], ends: readonly number[], count: number, out: number[]): number[] {
  out.length = 0;
  const ids = words.occurrenceIds;
  const at = words.occurrenceAt;
  let k = 0;
  for (let i = 0; i < count; i++) {
    const start = starts[i] ?? 0;
    const end = ends[i] ?? 0;
    while (k < at.length && (at[k] ?? 0) < start) k++;
    let mask = 0;
    while (k < at.length && (at[k] ?? 0) < end) {
      mask |= GROUPS_BY_WORD[ids[k] ?? 0] ?? 0;
      k++;
    }
    out.push(mask);
  }
  return out;
}
