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
 */
export class TriggerIndex {
  private readonly byWord = new Map<string, number[]>();
  private readonly byChars: Array<{ chars: readonly string[]; index: number }> = [];
  private readonly always: number[] = [];

  constructor(readonly size: number, triggerOf: (index: number) => Trigger | undefined) {
    for (let i = 0; i < size; i++) {
      const t = triggerOf(i);
      if (t === undefined || (t.words === undefined && t.chars === undefined)) {
        this.always.push(i);
        continue;
      }
      for (const w of t.words ?? []) {
        const list = this.byWord.get(w);
        if (list === undefined) this.byWord.set(w, [i]);
        else list.push(i);
      }
      if (t.chars !== undefined) this.byChars.push({ chars: t.chars, index: i });
    }
  }

  fired(words: Iterable<string>, lower: string): Uint8Array {
    const out = new Uint8Array(this.size);
    for (const i of this.always) out[i] = 1;
    for (const w of words) {
      const list = this.byWord.get(w);
      if (list !== undefined) for (const i of list) out[i] = 1;
    }
    for (const { chars, index } of this.byChars) {
      if (out[index] === 1) continue;
      for (const c of chars) {
        if (lower.includes(c)) {
          out[index] = 1;
          break;
        }
      }
    }
    return out;
  }
}
