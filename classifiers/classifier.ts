// The classifier contract lives in src/types.ts; this module re-exports it so classifier modules
// import one place, and holds the few helpers every classifier shares (risk ordering, clamping).
import type { Risk } from '../src/types.ts';

export type {
  Category,
  Classification,
  Classifier,
  ClassifierInfo,
  ClassifyOptions,
  Evidence,
  EvidenceSource,
  Finding,
  FindingSeverity,
  Risk,
  ServerContext,
  Tag,
  ToolAnnotations,
  ToolDefinition,
} from '../src/types.ts';

const RISK_ORDER: Record<Risk, number> = { Low: 0, Medium: 1, High: 2, Critical: 3 };
const RISK_BY_INDEX: readonly Risk[] = ['Low', 'Medium', 'High', 'Critical'];

export function riskIndex(risk: Risk): number {
  return RISK_ORDER[risk];
}

export function maxRisk(a: Risk, b: Risk): Risk {
  return RISK_ORDER[a] >= RISK_ORDER[b] ? a : b;
}

export function riskFromIndex(index: number): Risk {
  const clamped = Math.max(0, Math.min(3, Math.round(index)));
  return RISK_BY_INDEX[clamped] ?? 'Low';
}

export function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

const WORDS = /[a-z0-9]+/g;

/** The distinct lowercase words of already-lowercased text: cheap gates before costly regexes. */
export function wordSet(lower: string): Set<string> {
  const out = new Set<string>();
  const m = lower.match(WORDS);
  if (m !== null) for (const w of m) out.add(w);
  return out;
}

/** True when any trigger word is present. */
export function hasWord(words: ReadonlySet<string>, triggers: readonly string[]): boolean {
  for (const t of triggers) if (words.has(t)) return true;
  return false;
}

export interface Trigger {
  /** Fires when any of these words is present. */
  words?: readonly string[];
  /** Or when any of these substrings is present (for symbols: `<!--`, `http`, `~/`). */
  chars?: readonly string[];
}

/**
 * Which of many rules could match a text, found in one pass over its words rather than one pass
 * per rule: an inverted index from trigger word to rule. Rules without a trigger always fire.
 * Substring triggers are deduplicated across rules and gated by the text's character pairs: a
 * needle is searched for only when every pair of adjacent characters in it occurs in the text,
 * which one scan of the text settles for all needles (most benign text has no `~/` or `<|`).
 */
export class TriggerIndex {
  private readonly byWord = new Map<string, readonly number[]>();
  private readonly needles: Array<{ needle: string; pairs: readonly number[]; rules: readonly number[] }> = [];
  private readonly always: number[] = [];
  /** Reused between calls: the result is read before the next call on the same index. */
  private readonly out: Uint8Array;

  constructor(readonly size: number, triggerOf: (index: number) => Trigger | undefined) {
    this.out = new Uint8Array(size);
    const byWord = new Map<string, number[]>();
    const byNeedle = new Map<string, number[]>();
    const add = (map: Map<string, number[]>, key: string, i: number): void => {
      const list = map.get(key);
      if (list === undefined) map.set(key, [i]);
      else if (!list.includes(i)) list.push(i);
    };
    for (let i = 0; i < size; i++) {
      const t = triggerOf(i);
      if (t === undefined || (t.words === undefined && t.chars === undefined)) {
        this.always.push(i);
        continue;
      }
      for (const w of t.words ?? []) add(byWord, w, i);
      for (const c of t.chars ?? []) add(byNeedle, c, i);
    }
    for (const [w, list] of byWord) this.byWord.set(w, list);
    for (const [needle, rules] of byNeedle) this.needles.push({ needle, pairs: pairKeys(needle), rules });
  }

  fired(words: Iterable<string>, lower: string): Uint8Array {
    const out = this.out;
    out.fill(0);
    for (const i of this.always) out[i] = 1;
    for (const w of words) {
      const list = this.byWord.get(w);
      if (list !== undefined) for (const i of list) out[i] = 1;
    }
    if (this.needles.length === 0) return out;
    const stamp = scanPairs(lower);
    for (const { needle, pairs, rules } of this.needles) {
      let open = false;
      for (const i of rules) if (out[i] !== 1) open = true;
      if (!open) continue;
      let possible = true;
      for (const k of pairs) {
        if (PAIRS[k] !== stamp) {
          possible = false;
          break;
        }
      }
      if (possible && lower.includes(needle)) for (const i of rules) out[i] = 1;
    }
    return out;
  }
}

// Which characters and adjacent character pairs occur in the last text scanned, stamped with a
// generation number so nothing is cleared between texts. Characters above U+00FE share one slot.
const PAIRS = new Uint32Array(65536 + 256);
let generation = 0;
let scanned: string | undefined;

function slot(code: number): number {
  return code > 0xfe ? 0xff : code;
}

/** Keys a needle needs in the text: each adjacent pair, or the single character of a 1-char needle. */
function pairKeys(needle: string): number[] {
  if (needle.length === 1) return [65536 + slot(needle.charCodeAt(0))];
  const keys: number[] = [];
  for (let i = 0; i + 1 < needle.length; i++) {
    const k = (slot(needle.charCodeAt(i)) << 8) | slot(needle.charCodeAt(i + 1));
    if (!keys.includes(k)) keys.push(k);
  }
  return keys;
}

function scanPairs(text: string): number {
  if (text === scanned) return generation;
  generation = generation === 0xffffffff ? 1 : generation + 1;
  if (generation === 1) PAIRS.fill(0);
  const g = generation;
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const c = slot(text.charCodeAt(i));
    PAIRS[65536 + c] = g;
    if (prev >= 0) PAIRS[(prev << 8) | c] = g;
    prev = c;
  }
  scanned = text;
  return g;
}
