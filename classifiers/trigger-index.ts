// Which of many rules could match a text, found from the text's known words rather than one pass
// per rule: an index from trigger word to rule. Rules without a trigger always fire.
import { LEXICON, type TextWords } from './text-words.ts';

export interface Trigger {
  /** Fires when any of these words is present (`word*`: any word starting with it). */
  words?: readonly string[];
  /** Or when any of these substrings is present (for symbols: `<!--`, `http`, `~/`). */
  chars?: readonly string[];
}

/**
 * Substring triggers are deduplicated across rules and gated by the text's character pairs: a
 * needle is searched for only when every pair of adjacent characters in it occurs in the text,
 * which one scan of the text settles for all needles (most benign text has no `~/` or `<|`).
 */
export class TriggerIndex {
  /** Rules by trigger word id (dense: ids are small integers). */
  private readonly byWord: Array<readonly number[] | undefined> = [];
  private readonly needles: Array<{ needle: string; pairs: readonly number[]; rules: readonly number[] }> = [];
  private readonly always: number[] = [];
  private readonly isAlways: Uint8Array;
  /** Reused between calls: the result is read before the next call on the same index. */
  private readonly out: Uint8Array;

  constructor(readonly size: number, triggerOf: (index: number) => Trigger | undefined) {
    this.out = new Uint8Array(size);
    this.isAlways = new Uint8Array(size);
    const byWord = new Map<number, number[]>();
    const byNeedle = new Map<string, number[]>();
    const add = <K>(map: Map<K, number[]>, key: K, i: number): void => {
      const list = map.get(key);
      if (list === undefined) map.set(key, [i]);
      else if (!list.includes(i)) list.push(i);
    };
    for (let i = 0; i < size; i++) {
      const t = triggerOf(i);
      if (t === undefined || (t.words === undefined && t.chars === undefined)) {
        this.always.push(i);
        this.isAlways[i] = 1;
        continue;
      }
      for (const id of LEXICON.idsOf(t.words ?? [])) add(byWord, id, i);
      for (const c of t.chars ?? []) add(byNeedle, c, i);
    }
    for (const [id, list] of byWord) this.byWord[id] = list;
    for (const [needle, rules] of byNeedle) this.needles.push({ needle, pairs: pairKeys(needle), rules });
  }

  fired(text: TextWords): Uint8Array {
    const out = this.out;
    out.fill(0);
    for (const i of this.always) out[i] = 1;
    const present = text.present;
    const byWord = this.byWord;
    for (let k = 0; k < present.length; k++) {
      const list = byWord[present[k] ?? -1];
      if (list !== undefined) for (let j = 0; j < list.length; j++) out[list[j] ?? 0] = 1;
    }
    if (this.needles.length === 0) return out;
    const lower = text.lower;
    const stamp = scanPairs(lower);
    const needles = this.needles;
    for (let n = 0; n < needles.length; n++) {
      const { needle, pairs, rules } = needles[n] as (typeof needles)[number];
      // Skip a needle whose rules have all fired already, or one with a character pair the text lacks.
      let open = false;
      for (let j = 0; j < rules.length && !open; j++) open = out[rules[j] ?? 0] !== 1;
      if (!open) continue;
      let possible = true;
      for (let j = 0; j < pairs.length && possible; j++) possible = PAIRS[pairs[j] ?? 0] === stamp;
      if (possible && lower.includes(needle)) for (let j = 0; j < rules.length; j++) out[rules[j] ?? 0] = 1;
    }
    return out;
  }

  /**
   * Where each fired rule's triggers occur in the text: the offsets of its trigger words and
   * substrings, or `undefined` for a rule without triggers (it may match anywhere). Lets a rule's
   * regex run around those offsets instead of over the whole of a long text.
   */
  triggerOffsets(text: TextWords, fired: Uint8Array): Array<number[] | undefined> {
    const out: Array<number[] | undefined> = new Array<number[] | undefined>(this.size);
    for (let i = 0; i < this.size; i++) if (fired[i] === 1 && this.isAlways[i] !== 1) out[i] = [];
    const ids = text.occurrenceIds;
    const at = text.occurrenceAt;
    for (let k = 0; k < ids.length; k++) {
      const list = this.byWord[ids[k] ?? -1];
      if (list !== undefined) for (let j = 0; j < list.length; j++) out[list[j] ?? 0]?.push(at[k] ?? 0);
    }
    const lower = text.lower;
    for (const { needle, rules } of this.needles) {
      if (!rules.some((r) => out[r] !== undefined)) continue;
      for (let from = lower.indexOf(needle); from >= 0; from = lower.indexOf(needle, from + 1)) {
        for (const r of rules) out[r]?.push(from);
      }
    }
    return out;
  }
}

// Which characters and adjacent character pairs occur in the last text scanned, stamped with a
// generation number so nothing is cleared between texts. Characters above U+007E share one slot:
// the gate may then open needlessly, never wrongly, and the table stays small enough for the cache.
const PAIR_KEYS = 128 * 128;
const PAIRS = new Uint8Array(PAIR_KEYS + 128);
let generation = 0;
let scanned: string | undefined;

function slot(code: number): number {
  return code > 0x7e ? 0x7f : code;
}

/** Keys a needle needs in the text: each adjacent pair, or the single character of a 1-char needle. */
function pairKeys(needle: string): number[] {
  if (needle.length === 1) return [PAIR_KEYS + slot(needle.charCodeAt(0))];
  const keys: number[] = [];
  for (let i = 0; i + 1 < needle.length; i++) {
    const k = (slot(needle.charCodeAt(i)) << 7) | slot(needle.charCodeAt(i + 1));
    if (!keys.includes(k)) keys.push(k);
  }
  return keys;
}

function scanPairs(text: string): number {
  if (text === scanned) return generation;
  // A byte of generations: after 255 texts the table is cleared once.
  generation = generation === 255 ? 1 : generation + 1;
  if (generation === 1) PAIRS.fill(0);
  const g = generation;
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const c = slot(text.charCodeAt(i));
    PAIRS[PAIR_KEYS + c] = g;
    if (prev >= 0) PAIRS[(prev << 7) | c] = g;
    prev = c;
  }
  scanned = text;
  return g;
}
