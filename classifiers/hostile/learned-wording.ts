// A learned second opinion on hostile wording. Phrase rules catch the phrasings they were written
// from and little else (data/hostile/README.md); a logistic model over the words and word pairs of
// a definition, trained on poisoned and honest definitions (scripts/train-hostile-model.ts), carries
// over to attacks written in other words much better. It only ever adds a finding, at medium, when
// it is very sure (p ≥ the model's threshold); the message names the words that weighed most.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.ts';
import type { Hit } from './hostile-combos.ts';

export interface LearnedModel {
  version: string;
  /** The probability from which a definition is flagged. */
  threshold: number;
  bias: number;
  weights: Record<string, number>;
  trainedOn: Record<string, number>;
}

/** Formatting words (Python docstrings, schema prose) say nothing about intent: left out so a docstring's style cannot tip the score. */
const SKIP: ReadonlySet<string> = new Set(['args', 'arg', 'returns', 'return', 'raises', 'parameters', 'parameter', 'param', 'params', 'type', 'str', 'int', 'bool', 'dict', 'list', 'optional', 'default', 'example', 'examples']);
/** Characters of a definition the model reads, as in training. */
export const LEARNED_TEXT_LIMIT = 6000;
/** Words of two letters or more: single letters ("'s", "e.g.") carry no meaning of their own. */
const WORD = /[a-z]{2,}/g;

/** What the model reads of a definition: every text collectText finds, joined and lowercased. */
export function learnedText(parts: ReadonlyArray<{ text: string }>): string {
  let out = '';
  for (const part of parts) {
    if (out.length >= LEARNED_TEXT_LIMIT) break;
    out += out === '' ? part.text : ` \n ${part.text}`;
  }
  return out.toLowerCase();
}

/** The distinct words and adjacent word pairs of lowercased text. */
export function learnedFeatures(lower: string): string[] {
  const words = (lower.length > LEARNED_TEXT_LIMIT ? lower.slice(0, LEARNED_TEXT_LIMIT) : lower).match(WORD) ?? [];
  const out = new Set<string>();
  let previous: string | undefined;
  for (const w of words) {
    if (SKIP.has(w)) continue;
    out.add(w);
    if (previous !== undefined) out.add(`${previous} ${w}`);
    previous = w;
  }
  return [...out];
}

// From the package root, not this file: the build (tsc) emits code to dist/ but no JSON.
const MODEL_FILE = path.join(PROJECT_ROOT, 'classifiers', 'hostile', 'learned-wording-model.json');

/** The model compiled for scoring without building feature strings: word ids, unigram weights by id, pair weights by id pair. */
interface Compiled {
  model: LearnedModel;
  /** Word ids; a formatting word (SKIP) maps to -2. */
  ids: Map<string, number>;
  unigram: Float64Array;
  /** Pair keys are first * stride + second: small integers. */
  stride: number;
  /** Open-addressing table from a word's two hashes to its id, so the hot path never builds a string. */
  table: { mask: number; h1: Int32Array; h2: Int32Array; id: Int32Array };
  /** The pair weights again as an open-addressing table, with a per-slot stamp for counting each pair once. */
  pairTable: { mask: number; key: Int32Array; weight: Float64Array; seen: Int32Array };
}
const SKIPPED = -2;
const EMPTY = -1;
const FNV_START = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const DJB_START = 5381;
let compiled: Compiled | undefined;

export function compileModel(model: LearnedModel): Compiled {
  const ids = new Map<string, number>();
  const idOf = (w: string): number => {
    let id = ids.get(w);
    if (id === undefined) ids.set(w, (id = ids.size));
    return id;
  };
  const unigrams: Array<[number, number]> = [];
  const pairs: Array<[number, number, number]> = [];
  for (const [feature, weight] of Object.entries(model.weights)) {
    const space = feature.indexOf(' ');
    if (space < 0) unigrams.push([idOf(feature), weight]);
    else pairs.push([idOf(feature.slice(0, space)), idOf(feature.slice(space + 1)), weight]);
  }
  const unigram = new Float64Array(ids.size);
  for (const [id, weight] of unigrams) unigram[id] = weight;
  let stride = 1;
  while (stride < ids.size) stride *= 2;
  if (stride * stride > 2 ** 30) throw new Error(`learned-wording model: ${ids.size} words is too many to key pairs by small integers`);
  for (const w of SKIP) ids.set(w, SKIPPED);
  let size = 1;
  while (size < ids.size * 2) size *= 2;
  const table = { mask: size - 1, h1: new Int32Array(size), h2: new Int32Array(size), id: new Int32Array(size).fill(EMPTY) };
  for (const [word, id] of ids) {
    let a = FNV_START;
    let b = DJB_START;
    for (let i = 0; i < word.length; i++) {
      const ch = word.charCodeAt(i);
      a = Math.imul(a ^ ch, FNV_PRIME);
      b = (Math.imul(b, 33) + ch) | 0;
    }
    let slot = a & table.mask;
    while (table.id[slot] !== EMPTY) slot = (slot + 1) & table.mask;
    table.h1[slot] = a;
    table.h2[slot] = b;
    table.id[slot] = id;
  }
  let pairSize = 1;
  while (pairSize < pairs.length * 2) pairSize *= 2;
  const pairTable = { mask: pairSize - 1, key: new Int32Array(pairSize).fill(EMPTY), weight: new Float64Array(pairSize), seen: new Int32Array(pairSize) };
  for (const [first, second, weight] of pairs) {
    const key = first * stride + second;
    let slot = Math.imul(key, 0x9e3779b1) & pairTable.mask;
    while (pairTable.key[slot] !== EMPTY) slot = (slot + 1) & pairTable.mask;
    pairTable.key[slot] = key;
    pairTable.weight[slot] = weight;
  }
  return { model, ids, unigram, stride, table, pairTable };
}

function loaded(): Compiled {
  return (compiled ??= compileModel(JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as LearnedModel));
}

// Reused between calls: which words this text has already counted (pairs keep their stamp in the pair table).
let stamp = 0;
let seenWord = new Int32Array(0);

/** Starts counting a new text: each distinct word and pair is counted once, as in training. */
function newText(c: Compiled): void {
  if (seenWord.length < c.unigram.length) seenWord = new Int32Array(c.unigram.length);
  stamp += 1;
}

/** A word's weight the first time the text has it, else 0. */
function wordOnce(c: Compiled, id: number): number {
  if (seenWord[id] === stamp) return 0;
  seenWord[id] = stamp;
  return c.unigram[id] ?? 0;
}

/** A pair's weight the first time the text has it, else 0 (and 0 for a pair outside the model). */
function pairOnce(c: Compiled, first: number, second: number): number {
  const key = first * c.stride + second;
  const pt = c.pairTable;
  for (let slot = Math.imul(key, 0x9e3779b1) & pt.mask; ; slot = (slot + 1) & pt.mask) {
    const k = pt.key[slot] ?? EMPTY;
    if (k === EMPTY) return 0;
    if (k !== key) continue;
    if (pt.seen[slot] === stamp) return 0;
    pt.seen[slot] = stamp;
    return pt.weight[slot] ?? 0;
  }
}

/** The model's log-odds for a text's words, noting each feature that raised it (for the message). */
function logOdds(c: Compiled, words: readonly string[], explain: Array<[string, number]>): number {
  newText(c);
  let z = c.model.bias;
  let previous = -1;
  let previousWord = '';
  for (const w of words) {
    const id = c.ids.get(w) ?? -1;
    if (id === SKIPPED) continue;
    if (id >= 0) {
      const weight = wordOnce(c, id);
      z += weight;
      if (weight > 0) explain.push([w, weight]);
      if (previous >= 0) {
        const pair = pairOnce(c, previous, id);
        z += pair;
        if (pair > 0) explain.push([`${previousWord} ${w}`, pair]);
      }
    }
    previous = id;
    previousWord = w;
  }
  return z;
}

/** The id of the word whose hashes are (a, b), or -1: a word outside the model. */
function lookup(c: Compiled, a: number, b: number): number {
  const t = c.table;
  let slot = a & t.mask;
  for (;;) {
    const id = t.id[slot] ?? EMPTY;
    if (id === EMPTY) return -1;
    if (t.h1[slot] === a && t.h2[slot] === b) return id;
    slot = (slot + 1) & t.mask;
  }
}

/**
 * The log-odds and the word count of a text in one pass over its characters: words are hashed as
 * they are read and looked up by hash, so no word string is built. The same sum as logOdds.
 */
function scanLogOdds(c: Compiled, lower: string, from = 0, to = Math.min(lower.length, LEARNED_TEXT_LIMIT), record = false): { z: number; words: number } {
  newText(c);
  const end = to;
  let z = c.model.bias;
  let words = 0;
  let previous = -1;
  let a = FNV_START;
  let b = DJB_START;
  let length = 0;
  for (let i = from; i <= end; i++) {
    const ch = i < end ? lower.charCodeAt(i) : 0;
    if (ch >= 97 && ch <= 122) {
      a = Math.imul(a ^ ch, FNV_PRIME);
      b = (Math.imul(b, 33) + ch) | 0;
      length += 1;
      continue;
    }
    if (length === 0) continue;
    // A single letter ("'s", "e.g.") is not a word, as in WORD: it neither counts nor breaks a pair.
    if (length === 1) {
      length = 0;
      a = FNV_START;
      b = DJB_START;
      continue;
    }
    if (record) {
      if (words >= wordEnd.length) wordEnd = growTo(wordEnd, words * 2);
      wordEnd[words] = i;
    }
    length = 0;
    words += 1;
    const id = lookup(c, a, b);
    a = FNV_START;
    b = DJB_START;
    if (id === SKIPPED) continue;
    if (id >= 0) {
      z += wordOnce(c, id);
      if (previous >= 0) z += pairOnce(c, previous, id);
    }
    previous = id;
  }
  return { z, words };
}

/** The model's probability that the text is a hostile definition, and the features that pushed it up most. */
export function learnedScore(lower: string, model?: Compiled): { p: number; top: string[] } {
  const c = model ?? loaded();
  const explain: Array<[string, number]> = [];
  const z = logOdds(c, wordsOf(lower), explain);
  explain.sort((a, b) => b[1] - a[1]);
  return { p: 1 / (1 + Math.exp(-z)), top: explain.slice(0, 4).map(([f]) => f) };
}

function wordsOf(lower: string): string[] {
  return (lower.length > LEARNED_TEXT_LIMIT ? lower.slice(0, LEARNED_TEXT_LIMIT) : lower).match(WORD) ?? [];
}

/** Minimum English words for the model to speak: it learned from English prose, so a few Latin words in other text (product names, "agent", "url") are no evidence, and a one-line usage note ("read both files with read_file and pass the paths") is too short to judge. */
export const LEARNED_MIN_WORDS = 25;
const LETTER = /\p{L}/gu;
const LATIN = /[a-z]/g;
const NON_ASCII = /[^\t-~]/;

/**
 * English function words. Prose in another Latin-script language (a French CRM's manual) has almost none, and
 * there the model hears its few foreign training attacks in every "de" and "la": on the third crawl, before this
 * gate, one French server's 10 tools were half of all its false alarms. No attack of any set has under 6%.
 */
const ENGLISH: ReadonlySet<string> = new Set(['the', 'to', 'of', 'and', 'or', 'is', 'are', 'in', 'on', 'for', 'with', 'this', 'that', 'it', 'be', 'by', 'from', 'as', 'at', 'if', 'you', 'your', 'not', 'will', 'can', 'when', 'use', 'an', 'any', 'all', 'only', 'should', 'must']);
const MIN_ENGLISH_SHARE = 0.05;

/** Whether the text is English prose the model can judge: enough words, mostly Latin letters, some English function words. */
export function learnedCanJudge(lower: string, words: readonly string[] = wordsOf(lower)): boolean {
  if (words.length < LEARNED_MIN_WORDS) return false;
  let english = 0;
  for (const w of words) if (ENGLISH.has(w)) english++;
  if (english < words.length * MIN_ENGLISH_SHARE) return false;
  const head = lower.length > LEARNED_TEXT_LIMIT ? lower.slice(0, LEARNED_TEXT_LIMIT) : lower;
  // Only texts with letters beyond ASCII pay for the Unicode count.
  if (!NON_ASCII.test(head)) return true;
  const letters = head.match(LETTER)?.length ?? 0;
  return (head.match(LATIN)?.length ?? 0) >= letters * 0.8;
}

/**
 * Words per window and the step between windows. The model learned from whole definitions, and in a long
 * honest manual with one hostile paragraph the honest words outvote it (appending each held-out attack to a
 * held-out real 0.8–3k-character description hid 141 of the 160 it found). So a text over WINDOW_WORDS words
 * is also read window by window, and a window must be surer than a whole text to count.
 */
export const WINDOW_WORDS = 80;
const WINDOW_STEP = 40;
const WINDOW_THRESHOLD = 0.998;
/**
 * Windows are read only when the whole text is not overwhelmingly honest (p ≥ 1e-7): long, instruction-dense
 * honest manuals otherwise raise a window now and then. Measured leave-one-set-out (scripts/train-hostile-model.ts):
 * attacks inside a held-out real description 19 → 94 of 300, false alarms on held-out live tools 11 → 18 of 18,636.
 */
const WHOLE_FLOOR = 1e-7;
/** Where each word of the last recorded scan ends (reused between calls). */
let wordEnd: Int32Array = new Int32Array(1024);

function growTo(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

/** Whether `lower[0, end)` has at least `n` words as scanLogOdds counts them (runs of two or more a–z), stopping at the n-th. */
function hasWords(lower: string, n: number, end: number): boolean {
  let words = 0;
  let length = 0;
  for (let i = 0; i <= end; i++) {
    const ch = i < end ? lower.charCodeAt(i) : 0;
    if (ch >= 97 && ch <= 122) {
      length += 1;
      continue;
    }
    if (length >= 2 && ++words >= n) return true;
    length = 0;
  }
  return false;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * The model's probability for a text and, when a window decided it, that window's character range: the
 * whole text at the model's threshold, or its surest window of WINDOW_WORDS words at WINDOW_THRESHOLD.
 */
export function learnedProbability(lower: string, model?: Compiled): { p: number; words: number; from: number; to: number } {
  const c = model ?? loaded();
  const end = Math.min(lower.length, LEARNED_TEXT_LIMIT);
  const whole = scanLogOdds(c, lower, 0, end, true);
  let best = { p: sigmoid(whole.z), words: whole.words, from: 0, to: end };
  if (whole.words <= WINDOW_WORDS || best.p < WHOLE_FLOOR) return best;
  // Copy the word ends: each window's scan records over them.
  const ends = wordEnd.slice(0, whole.words);
  const windowThreshold = Math.max(WINDOW_THRESHOLD, c.model.threshold);
  for (let first = 0; first < whole.words; first += WINDOW_STEP) {
    const last = Math.min(whole.words, first + WINDOW_WORDS) - 1;
    // A window starts just after the previous word's end, so it reads whole words.
    const from = first === 0 ? 0 : (ends[first - 1] ?? 0);
    const to = ends[last] ?? end;
    const p = sigmoid(scanLogOdds(c, lower, from, to).z);
    if (p >= windowThreshold && p > best.p) best = { p, words: whole.words, from, to };
    if (last === whole.words - 1) break;
  }
  return best;
}

/** A finding when the model is sure; nothing otherwise. `lower`: every text of the definition, lowercased, joined. */
export function learnedWordingHits(lower: string): Hit[] {
  // Most tool texts are a line or two: too short for the model to speak, known without scoring them.
  if (!hasWords(lower, LEARNED_MIN_WORDS, Math.min(lower.length, LEARNED_TEXT_LIMIT))) return [];
  const c = loaded();
  const { p, words, from, to } = learnedProbability(lower, c);
  if (words < LEARNED_MIN_WORDS || p < c.model.threshold || !learnedCanJudge(lower)) return [];
  const { top } = learnedScore(from === 0 && to >= Math.min(lower.length, LEARNED_TEXT_LIMIT) ? lower : lower.slice(from, to), c);
  return [{ id: 'learned-wording', kind: 'suspicious_wording', weight: 2.5, message: `reads like known hostile descriptions (learned score ${p.toFixed(3)}; words that weighed most: ${top.map((t) => `'${t}'`).join(', ')})`, index: -1, length: 0 }];
}
