// The words the rules gate on, interned once per process into a trie, so one pass over a text's
// characters finds every known word in it: no substring or hash per word, and a rule asks "is word
// #k here?" with a bit test. Words are the [a-z0-9]+ runs of lowercased text. An entry ending in
// `*` is a prefix: it is found in any word that starts with it ("exfiltrat*" in "exfiltrates").

const SYMBOLS = 36;
/** Trie symbol of a character code: 0–9 for digits, 10–35 for a–z, -1 for a separator. */
const SYMBOL = new Int8Array(128).fill(-1);
for (let c = 48; c <= 57; c++) SYMBOL[c] = c - 48;
for (let c = 97; c <= 122; c++) SYMBOL[c] = c - 87;

/** The id of a word that can never be a token (it has a character outside [a-z0-9]): never present. */
export const NEVER = -1;

class Lexicon {
  /** Child of node n on symbol s at n * SYMBOLS + s, or -1. Node 0 is the root. */
  private next = new Int32Array(SYMBOLS * 1024).fill(-1);
  /** Word id that ends exactly at a node, or -1; and the prefix id that starts at it, or -1. */
  private exact = new Int32Array(1024).fill(-1);
  private prefix = new Int32Array(1024).fill(-1);
  private nodes = 1;
  private readonly ids = new Map<string, number>();

  get size(): number {
    return this.ids.size;
  }

  /** The id of a word (or `prefix*`), registered on first use. Register at module load, before any scan. */
  id(entry: string): number {
    const known = this.ids.get(entry);
    if (known !== undefined) return known;
    const isPrefix = entry.endsWith('*');
    const word = isPrefix ? entry.slice(0, -1) : entry;
    if (word.length === 0) return NEVER;
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      const s = c < 128 ? (SYMBOL[c] ?? -1) : -1;
      if (s < 0) return NEVER;
      const slot = node * SYMBOLS + s;
      let child = this.next[slot] ?? -1;
      if (child < 0) {
        child = this.addNode();
        this.next[node * SYMBOLS + s] = child;
      }
      node = child;
    }
    const id = this.ids.size;
    this.ids.set(entry, id);
    if (isPrefix) this.prefix[node] = id;
    else this.exact[node] = id;
    return id;
  }

  /** Ids of a list of words, for "any of these" checks. */
  idsOf(entries: readonly string[]): Int32Array {
    const out: number[] = [];
    for (const e of entries) {
      const id = this.id(e);
      if (id !== NEVER && !out.includes(id)) out.push(id);
    }
    return Int32Array.from(out);
  }

  /**
   * Every known word in already-lowercased text, with where each occurrence starts. When the text
   * begins with an already scanned one (the description, at the head of all the prose), that
   * scan is reused and only the rest is read.
   */
  scan(lower: string, head?: TextWords): TextWords {
    const found = new TextWords(lower);
    let from = 0;
    // `slice(…) ===` compares natively; startsWith is an order of magnitude slower on long texts.
    const h = head?.lower ?? '';
    if (head !== undefined && h.length > 0 && lower.length >= h.length && lower.slice(0, h.length) === h && !isWordChar(lower.charCodeAt(h.length))) {
      found.copyFrom(head);
      from = head.lower.length;
    }
    const next = this.next;
    const exact = this.exact;
    const prefix = this.prefix;
    // Reads below are in bounds by construction; `as number` spares a check per character.
    let node = -1;
    let start = -1;
    let longest = found.longestWord;
    const n = lower.length;
    for (let i = from; i <= n; i++) {
      const c = i < n ? lower.charCodeAt(i) : 32;
      const s = c < 128 ? (SYMBOL[c] as number) : -1;
      if (s >= 0) {
        if (start < 0) {
          start = i;
          node = 0;
        }
        if (node >= 0) {
          node = next[node * SYMBOLS + s] as number;
          if (node > 0 && (prefix[node] as number) >= 0) found.add(prefix[node] as number, start);
        }
        continue;
      }
      if (start < 0) continue;
      if (i - start > longest) longest = i - start;
      if (node > 0 && (exact[node] as number) >= 0) found.add(exact[node] as number, start);
      start = -1;
    }
    found.longestWord = longest;
    return found;
  }

  private addNode(): number {
    const id = this.nodes++;
    if (id >= this.exact.length) {
      this.next = grown(this.next);
      this.exact = grown(this.exact);
      this.prefix = grown(this.prefix);
    }
    return id;
  }
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2).fill(-1);
  b.set(a);
  return b;
}

function isWordChar(c: number): boolean {
  return c < 128 && (SYMBOL[c] ?? -1) >= 0;
}

/** The known words of one text: which are present, in order of first appearance, and every occurrence. */
export class TextWords {
  /** Distinct ids present, in order of first appearance. */
  readonly present: number[] = [];
  /** Each occurrence: its id and the offset where its word starts, in text order. */
  readonly occurrenceIds: number[] = [];
  readonly occurrenceAt: number[] = [];
  /** Length of the longest [a-z0-9]+ run, known or not (base64 needs a long one). */
  longestWord = 0;
  /** Presence bits, 32 ids per element, filled as words are found: a plain array, as small typed arrays are slow to allocate. */
  private readonly bits: number[] = [];

  constructor(readonly lower: string) {}

  /** Takes over another scan's findings, for a text that begins with that one's. */
  copyFrom(other: TextWords): void {
    for (let i = 0; i < other.bits.length; i++) this.bits[i] = other.bits[i] ?? 0;
    for (const id of other.present) this.present.push(id);
    for (const id of other.occurrenceIds) this.occurrenceIds.push(id);
    for (const at of other.occurrenceAt) this.occurrenceAt.push(at);
    this.longestWord = other.longestWord;
  }

  add(id: number, at: number): void {
    const w = id >>> 5;
    const b = 1 << (id & 31);
    const cur = this.bits[w] ?? 0;
    if ((cur & b) === 0) {
      this.bits[w] = cur | b;
      this.present.push(id);
    }
    this.occurrenceIds.push(id);
    this.occurrenceAt.push(at);
  }

  has(id: number): boolean {
    return id >= 0 && ((this.bits[id >>> 5] ?? 0) & (1 << (id & 31))) !== 0;
  }

  hasAny(ids: Int32Array): boolean {
    for (let i = 0; i < ids.length; i++) if (this.has(ids[i] ?? NEVER)) return true;
    return false;
  }
}

/** The one lexicon of the process: every module registers its gate words here at load time. */
export const LEXICON = new Lexicon();

export function scanWords(lower: string, head?: TextWords): TextWords {
  return LEXICON.scan(lower, head);
}
