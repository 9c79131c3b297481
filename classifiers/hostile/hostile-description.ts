// Hostile-description findings for one tool definition. Reads the description, title and every
// schema string; normalises away invisible tricks first; then scores single-phrase features and
// co-occurrence rules per kind. Severity grows with the weight of the evidence, so a lone "you must"
// stays a low note while secrecy plus a secret plus a destination is critical.
import type { Finding, FindingSeverity, ToolDefinition } from '../classifier.ts';
import { LEXICON, scanWords, type TextWords } from '../text-words.ts';
import { TriggerIndex } from '../trigger-index.ts';
import { AnchoredRegex } from '../anchored-regex.ts';
import { collectText, ownSchemaWords, propertyDefaults, propertyNames } from './collect-text.ts';
import { deceptiveLinkHits, lookalikeHostHits } from './hostile-links.ts';
import { learnedText, learnedWordingHits } from './learned-wording.ts';
import { comboHits, OwnVocabulary, SENSITIVE_PATH, type Hit } from './hostile-combos.ts';
import { FEATURES, type Feature, type HostileKind } from './hostile-patterns.ts';
import { paddingHits, invisibleHits } from './hostile-layout.ts';
import { LineWindows, spansLines, type Window } from './line-windows.ts';
import { normalizeText, visible } from './normalize-text.ts';

export interface HitWithExcerpt extends Hit {
  excerpt?: string;
}

/** Matching stops here; anything longer is already a length finding. */
const MAX_MATCH = 20_000;
/** All prose together: a schema with hundreds of long property descriptions is capped too. */
const MAX_TOTAL = 60_000;
/** Characters of a base64 run: A–Z, a–z, 0–9, + and /. */
const BASE64_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64_CHAR[c.charCodeAt(0)] = 1;
const BASE64_MIN_RUN = 24;
const BASE64_MAX_RUNS = 10;
const INJECTION_VALUE = /[;&|`]\s*(?:rm|cat|curl|wget|nc|bash|sh|chmod|python|perl|powershell)\b|\$\([^)]*\)|`[^`]+`|\.\.\/\.\.\//;
/** Whitespace the collapse below would rewrite: a tab, form feed, vertical tab, CR or NBSP, or else two spaces in a row. */
function hasPadding(text: string): boolean {
  // Six native substring searches beat one character-class regex over the whole text.
  return text.includes('\t') || text.includes('\f') || text.includes('\v') || text.includes('\r') || text.includes('\u00a0') || text.includes('  ');
}
const FEATURE_TRIGGERS = new TriggerIndex(FEATURES.length, (i) => FEATURES[i]);
/** Each feature's second gate, as word ids. */
const FEATURE_ALSO = FEATURES.map((f) => (f.also === undefined ? undefined : LEXICON.idsOf(f.also)));
/** Features whose matches can span many lines (a tag pair, an HTML comment) read a long text whole. */
const FEATURE_LOCAL = FEATURES.map((f) => !spansLines(f.re));
/** Each feature's regex, run where its alternatives can start (see anchored-regex.ts); group-reading exceptions keep it whole. */
const FEATURE_MATCHERS = FEATURES.map((f) => new AnchoredRegex(f.re, f.except?.group !== undefined));
const REDIRECT_PITCH = /\b(?:security vulnerabilit\w*|enhanced (?:security|functionality)|better performance|must redirect|for all \w+ (?:creation |reading )?requests)\b/;
const PARAM_OBLIGATION = /\b(?:must|should|always|required|never leave)\b/;
const PARAM_FILL = /\b(?:contain|contains|include|put|pass|fill|copy|paste|append|provide)\b/;
const PARAM_USER_DATA = /\b(?:the user'?s (?:previous |last |full |entire )?(?:message|messages|prompt|password|passwords|credentials|api keys?|tokens?|secrets?|conversation|history|chat)|conversation history|chat history|previous messages?|system prompt|all (?:prior|previous) (?:messages|instructions))\b/;
const HOMOGLYPH_SUBJECT = /\b(?:homoglyphs?|confusables?|idn|punycode|spoof(?:ing|ed)?|look-?alike)\b/;
/** Parameters whose values are kept out (an exclude list naming `.env` protects it). */
const EXCLUDING_PARAM = /exclu|ignor|skip|deny|block|omit|except|redact|mask|forbid|never/i;
const CALLER_PARAM = /^(?:llm_?model_?name|caller_?model|calling_?model|model_?identity|ai_?model_?name|llm_?name)$/i;

/** `description`, when given, is the caller's scan of the lowercased description: its words are not looked up again. */
export function hostileDescription(tool: ToolDefinition, description?: TextWords): Finding[] {
  const { hits, text, hiddenPayload } = hostileHits(tool, description);
  return aggregate(hits, text, hiddenPayload);
}

/** The raw hits behind the findings (for diagnostics and tests): every feature and rule that fired, with its weight. */
export function hostileHits(tool: ToolDefinition, description?: TextWords): { hits: HitWithExcerpt[]; text: string; hiddenPayload: boolean } {
  const parts = collectText(tool);
  const hits: HitWithExcerpt[] = [];
  const prose: string[] = [];
  let proseLength = 0;
  for (const part of parts) {
    hits.push(...paddingHits(part.text, part.where));
    if (part.isValue) {
      const m = INJECTION_VALUE.exec(part.text);
      if (m !== null) hits.push({ id: 'injection-default', kind: 'unsafe_default', weight: 3, message: `a schema default carries a shell or path injection (${part.where})`, index: -1, length: 0, ...excerptOf(part.text, m.index) });
    }
    if (proseLength < MAX_TOTAL) {
      const text = part.text.length > MAX_MATCH ? part.text.slice(0, MAX_MATCH) : part.text;
      prose.push(text);
      proseLength += text.length;
    }
  }
  for (const part of parts) {
    if (!part.where.startsWith('inputSchema') || part.isValue) continue;
    const t = part.text.toLowerCase();
    // A parameter that asks to be filled with the user's secrets or messages is a drop box.
    if (PARAM_OBLIGATION.test(t) && PARAM_FILL.test(t) && PARAM_USER_DATA.test(t)) {
      hits.push({ id: 'secret-in-param', kind: 'secret_exfiltration', weight: 3, message: `a parameter asks to be filled with the user's secrets or messages (${part.where})`, index: -1, length: 0, excerpt: visible(part.text.replace(/\s+/g, ' ').trim().slice(0, 160)) });
    }
  }
  // A default that reaches for credential files uploads them whenever the model keeps the defaults;
  // the same paths in an exclude list keep them out.
  for (const { property, values } of propertyDefaults(tool)) {
    if (EXCLUDING_PARAM.test(property)) continue;
    const reached = new Set(values.filter((v) => SENSITIVE_PATH.test(v.toLowerCase())));
    if (reached.size >= 2) hits.push({ id: 'credential-default', kind: 'secret_exfiltration', weight: 3, message: `the default of '${property}' reaches for credential files`, index: -1, length: 0, excerpt: visible([...reached].slice(0, 4).join(', ')) });
  }
  for (const p of propertyNames(tool)) {
    if (CALLER_PARAM.test(p)) hits.push({ id: 'caller-param', kind: 'caller_probe', weight: 2, message: `asks for the calling model's identity in parameter '${p}'`, index: -1, length: 0, excerpt: p });
  }

  hits.push(...learnedWordingHits(learnedText(parts)));

  const joined = prose.join('\n');
  const { text: normalized, invisible } = normalizeText(joined);
  // A spoof checker shows a spoofed word as its example: mixed scripts are its subject there.
  hits.push(...invisibleHits(invisible, invisible.mixedScriptWords > 0 && HOMOGLYPH_SUBJECT.test(normalized.toLowerCase())));
  // Collapse padding so sentences and windows work; the layout check above saw the raw text.
  // Hard-wrapped docstrings continue a sentence on the next line: join those lines.
  // Each rewrite runs only when the text has something for it to change (most descriptions don't).
  let cased = hasPadding(normalized) ? normalized.replace(/[ \t\f\v\r\u00a0]+/g, ' ') : normalized;
  // A line opening with a bold label ("**Important:** …") starts a new paragraph, not a continuation.
  if (cased.includes('\n')) cased = cased.replace(/\n\s*\n+/g, '\n').replace(/\n(?=[a-z(]|\*(?!\*))/g, ' ');
  if (cased.length > MAX_MATCH) cased = cased.slice(0, MAX_MATCH);
  let lower = cased.toLowerCase();
  // One scan finds every gate word below.
  let words = scanWords(lower, description);
  // Base64 needs a long unbroken alphanumeric run; most descriptions have none.
  const base64 = words.longestWord >= 16 ? decodeBase64Runs(cased) : '';
  // Percent-escapes and character references of plain letters: a URL or page never needs them, a hidden sentence does.
  const escaped = cased.includes('%') || cased.includes('&#') ? decodeEscapedRuns(cased) : '';
  // A text that names ROT13 may carry a passage in it: decode the whole text (the rest turns to noise).
  const rot13 = lower.includes('rot') && ROT13_NAMED.test(lower) ? rot13Of(cased) : '';
  const decoded = base64 + escaped + rot13;
  if (decoded !== '') {
    cased = `${cased}\n${decoded}`;
    lower = cased.toLowerCase();
    words = scanWords(lower, description);
  }

  if (lower.length > 0) {
    const fired = FEATURE_TRIGGERS.fired(words);
    // A long text is read line by line around each feature's trigger words (see line-windows.ts).
    const lines = new LineWindows(lower);
    const offsets = lines.split ? FEATURE_TRIGGERS.triggerOffsets(words, fired) : undefined;
    for (let i = 0; i < FEATURES.length; i++) {
      const f = FEATURES[i];
      if (f === undefined || fired[i] !== 1) continue;
      const also = FEATURE_ALSO[i];
      if (also !== undefined && !words.hasAny(also)) continue;
      if (f.needs !== undefined && !lower.includes(f.needs)) continue;
      const source = f.cased === true ? cased : lower;
      const windows = source.length === lower.length && FEATURE_LOCAL[i] === true ? lines.around(offsets?.[i]) : [[0, source.length] as const];
      const m = firstMatch(i, source, words, windows, lower);
      if (m === undefined) continue;
      if (f.id === 'conceal' && isHonestWithholding(lower, m.index)) {
        // "Don't bother telling the user the IDs unless they ask": trimming the reply, not hiding an act.
        hits.push({ id: 'verbosity-hint', kind: f.kind, weight: 1, message: 'asks to leave details out of the reply unless the user asks', index: m.index, length: m.length });
        continue;
      }
      hits.push({ id: f.id, kind: f.kind, weight: f.weight, message: f.message, index: m.index, length: m.length });
    }
    const own = new OwnVocabulary(tool.name, () => ownSchemaWords(tool));
    hits.push(...comboHits(words, cased, own));
    hits.push(...deceptiveLinkHits(cased));
    hits.push(...lookalikeHostHits(lower));
    // "This tool is deprecated, use X" is ordinary; with a sales pitch or a pretext it is a redirect.
    // A deprecated parameter pointing to another of the tool's own parameters ("use structured_query instead") redirects nothing.
    const deprecation = hits.find((h) => h.id === 'deprecation-claim');
    if (deprecation !== undefined && !pointsToOwnParameter(lower, deprecation, own) && (hits.some((h) => h.kind === 'preference_manipulation') || REDIRECT_PITCH.test(lower))) {
      hits.push({ id: 'deprecation-redirect', kind: 'shadowing', weight: 2.5, message: 'claims the tool is retired and redirects calls to another tool with a pitch', index: -1, length: 0 });
    }
  }
  if (escaped !== '') {
    // Letters and spaces never need escaping: a sentence written this way is hidden from a human reader, shown to the model.
    hits.push({ id: 'escaped-prose', kind: 'obfuscated_payload', weight: 2, message: 'spells out a sentence in percent-escapes or character references', index: cased.length - escaped.length, length: escaped.length });
  }
  if (decoded !== '') {
    const fromDecoded = hits.filter((h) => h.index >= cased.length - decoded.length && h.kind !== 'sensitive_reference' && h.id !== 'escaped-prose');
    if (fromDecoded.length > 0 && base64 === '' && escaped === '') {
      // A ROT13 decoding turns the whole text, so its start is noise: point at what was found in it.
      hits.push({ id: 'rot13-text', kind: 'obfuscated_payload', weight: 3, message: 'hides instructions in ROT13', index: Math.min(...fromDecoded.map((h) => h.index)), length: 120 });
    } else if (fromDecoded.length > 0) {
      const how = base64 === '' ? 'percent-escapes or character references' : escaped === '' ? 'base64' : 'base64 and escapes';
      hits.push({ id: base64 === '' ? 'escaped-text' : 'base64', kind: 'obfuscated_payload', weight: 3, message: `hides instructions in ${how}`, index: cased.length - decoded.length, length: decoded.length });
    }
  }
  return { hits, text: cased, hiddenPayload: invisible.tagText !== '' || invisible.binaryText !== '' || invisible.bidiOverrideCount > 0 };
}

/** The word a deprecation claim points to ("… use `structured_query` instead"), when it is one of the tool's own parameters or values. */
function pointsToOwnParameter(lower: string, claim: Hit, own: OwnVocabulary): boolean {
  const target = /^\s*(?:the\s+)?[`'"]?([a-z][\w.-]*)/.exec(lower.slice(claim.index + claim.length, claim.index + claim.length + 80))?.[1];
  return target !== undefined && own.schemaVocabulary.has(target);
}

/**
 * A feature's leftmost match in the text that is not one of its honest near-misses. Its anchored
 * alternatives run at their start words; the rest reads the windows (the whole of a short text).
 */
function firstMatch(i: number, source: string, words: TextWords, windows: readonly Window[], lower: string): { index: number; length: number } | undefined {
  const f = FEATURES[i] as Feature;
  const matcher = FEATURE_MATCHERS[i] as AnchoredRegex;
  const m = matcher.first(source, words, (c) => f.except === undefined || !isExcepted(f.except, c.m, c.index, lower), windows);
  return m === undefined ? undefined : { index: m.index, length: m.m[0].length };
}

/** Whether a feature's match (at `index` in the text) is one of its honest near-misses (see Feature.except). Exported for the gate test. */
export function isExcepted(except: NonNullable<Feature['except']>, m: RegExpExecArray, index: number, lower: string): boolean {
  if (except.match?.test(m[0].toLowerCase()) === true) return true;
  if (except.before?.test(lower.slice(Math.max(0, index - 30), index)) === true) return true;
  const group = m[1] ?? m[2];
  if (except.group !== undefined && group !== undefined && except.group.test(group.toLowerCase())) return true;
  return except.sentence !== undefined && except.sentence.test(sentenceAround(lower, index));
}

function sentenceAround(lower: string, index: number): string {
  const start = Math.max(lower.lastIndexOf('. ', index), lower.lastIndexOf('\n', index)) + 1;
  let end = lower.slice(index).search(/\.\s|[!?\n]/);
  end = end < 0 ? lower.length : index + end;
  return lower.slice(start, end);
}

const REDACTED_SECRET = /^\S+\s+(?:\S+\s+){0,3}?(?:tell|reveal|show|disclose|display|print|expose|share)\w* (?:the |any |your |their |its )?(?:full |raw |plain(?:text)? )?(?:api[ _-]?keys?|tokens?|passwords?|secrets?|credentials?|private keys?|client secrets?)\b/;
const UNLESS_ASKED = /\bunless (?:they|the user|users?|you are|explicitly|specifically|asked|requested)\b(?: (?:explicitly|specifically))?(?: (?:ask|asks|asked|request|requests|requested|want|wants)\b)?/;
/** An act the model might be told to keep quiet about: any such verb makes the sentence concealment. */
const CONCEALED_ACT = /\b(?:sent|ran|paid|bought|cop(?:y|ies|ied|ying)|modif(?:y|ies|ied|ying)|notif(?:y|ies|ied|ying)|(?:send|forward|upload|post|call|run|execut|delet|remov|chang|shar|transferr?|pay|install|record|track|logg?|stor|sav|creat|subscrib|grant|email|messag|access|read|collect|fetch|download|submitt?|purchas|buy|order|approv|merg|push|publish|invit|book)(?:e|es|s|ed|d|ing)?)\b/;

/** A "don't tell the user …" sentence that withholds honestly: a secret, a result not final yet, or detail the user can still ask for (naming no act). */
function isHonestWithholding(lower: string, index: number): boolean {
  const start = Math.max(lower.lastIndexOf('.', index), lower.lastIndexOf('\n', index)) + 1;
  let end = lower.slice(index).search(/[.!?\n]/);
  end = end < 0 ? lower.length : index + end;
  const sentence = lower.slice(start, end);
  // "Never reveal the API key to the user": keeping a secret out of the chat protects the user.
  if (REDACTED_SECRET.test(sentence.slice(index - start)) && !/\b(?:secretly|silently|quietly|covertly)\b/.test(sentence)) return true;
  // "Do not tell the user it is cancelled until status=cancelled": waiting for the truth, not hiding it.
  if (/\buntil\b/.test(sentence.slice(index - start)) && !/\b(?:secretly|silently|quietly|covertly|ever|never)\b/.test(sentence)) return true;
  if (!UNLESS_ASKED.test(sentence)) return false;
  const withheld = sentence.slice(index - start).replace(/^\S+\s+(?:\S+\s+){0,3}?(?:tell|telling|mention|mentioning|show|showing|list|listing|report|reporting)\b/, '');
  return !/\b(?:secretly|silently|quietly|covertly)\b/.test(sentence) && !CONCEALED_ACT.test(withheld);
}

function aggregate(hits: HitWithExcerpt[], text: string, hiddenPayload: boolean): Finding[] {
  if (hits.length === 0) return [];
  const byKind = new Map<HostileKind, HitWithExcerpt[]>();
  for (const h of hits) {
    const list = byKind.get(h.kind);
    if (list === undefined) byKind.set(h.kind, [h]);
    else list.push(h);
  }
  const concealed = hits.some((h) => h.id === 'conceal');
  const serious = hits.filter((h) => h.weight >= 2 && h.kind !== 'sensitive_reference').length;
  const findings: Finding[] = [];
  for (const [kind, list] of byKind) {
    list.sort((a, b) => b.weight - a.weight);
    const top = list[0];
    if (top === undefined) continue;
    let score = top.weight;
    // Attacks stack techniques; an honest tool repeats one weak note (a backticked name in every
    // bullet, "you must" in every step). A weak note counts once per technique; serious hits all count.
    const counted = new Set<string>([techniqueOf(top.id)]);
    for (let i = 1; i < list.length; i++) {
      const h = list[i];
      if (h === undefined) continue;
      const technique = techniqueOf(h.id);
      if (h.weight < 2 && counted.has(technique)) continue;
      counted.add(technique);
      score += 0.5 * h.weight;
    }
    // Other serious signals make each one more credible: attacks stack techniques.
    if (concealed && top.id !== 'conceal' && top.weight >= 1) score += 1;
    if (serious >= 2 && top.weight >= 1.5) score += 0.5;
    if (kind === 'invisible_unicode' && hiddenPayload && hits.some((h) => h.kind !== 'invisible_unicode' && h.kind !== 'length_padding' && h.weight >= 2)) score += 1;
    if (kind === 'sensitive_reference' && byKind.size > 1) score += 0.5;
    const severity = severityOf(score);
    const excerpt = top.excerpt ?? (top.index >= 0 ? excerptAt(text, top.index, top.length) : undefined);
    const finding: Finding = { kind, severity, message: capitalise(top.message) };
    if (excerpt !== undefined && excerpt !== '') finding.excerpt = excerpt;
    findings.push(finding);
  }
  // Kinds are lowercase ASCII with underscores, where code-unit order is localeCompare's order (and far cheaper).
  return findings.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

/** Features that are one technique under two phrasings: speaking to the model ("note to the AI", "you must"). */
const SAME_TECHNIQUE: Readonly<Record<string, string>> = { 'model-addressed': 'addressee' };

function techniqueOf(id: string): string {
  return SAME_TECHNIQUE[id] ?? id;
}

const SEVERITY_RANK: Record<FindingSeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

function severityOf(score: number): FindingSeverity {
  if (score >= 4) return 'critical';
  if (score >= 3) return 'high';
  if (score >= 2) return 'medium';
  return 'low';
}

function excerptAt(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 30);
  const end = Math.min(text.length, index + Math.min(length, 120) + 30);
  return visible(`${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`.replace(/\s+/g, ' '));
}

function excerptOf(text: string, index: number): { excerpt: string } {
  return { excerpt: excerptAt(text, index, 60) };
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s[0]?.toUpperCase() + s.slice(1);
}

const ROT13_NAMED = /\brot[- ]?13\b/;

/** The text with every Latin letter rotated by 13 (ROT13 is its own inverse), ending in a newline. */
function rot13Of(text: string): string {
  return `${text.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  })}\n`;
}

/** Decodes base64 runs that turn out to be readable text, so encoded instructions are matched too. */
function decodeBase64Runs(text: string): string {
  let out = '';
  for (const run of base64Runs(text)) {
    // Identifiers and paths are long alphanumeric runs too; real base64 mixes case and digits.
    if (!/[a-z]/.test(run) || !/[A-Z]/.test(run)) continue;
    const bytes = Buffer.from(run, 'base64');
    let printable = 0;
    for (const b of bytes) if ((b >= 0x20 && b < 0x7f) || b === 0x0a) printable++;
    const s = bytes.toString('latin1');
    if (bytes.length >= 12 && printable >= bytes.length * 0.95 && / [a-z]/i.test(s)) out += `${s}\n`;
  }
  return out;
}

/** Twelve or more `%XX` escapes, or `&#NN;` / `&#xHH;` references, in a row. */
const ESCAPED_RUN = /(?:%[0-9a-f]{2}){12,}|(?:&#(?:\d{2,6}|x[0-9a-f]{2,5});){12,}/gi;

/** Decodes escaped runs that spell out prose (letters and spaces), so an instruction written that way is matched too. */
function decodeEscapedRuns(text: string): string {
  let out = '';
  for (const m of text.matchAll(ESCAPED_RUN)) {
    const run = m[0];
    let s: string;
    try {
      s = run.startsWith('%') ? decodeURIComponent(run) : run.replace(/&#(x?)([0-9a-f]+);/gi, (_, hex: string, n: string) => String.fromCodePoint(Math.min(Number.parseInt(n, hex === '' ? 10 : 16), 0x10ffff)));
    } catch {
      continue; // not valid UTF-8 once decoded: bytes, not text
    }
    // Prose: mostly letters, with spaces between words.
    const letters = s.match(/[a-z]/gi)?.length ?? 0;
    if (letters >= 8 && letters >= s.length * 0.6 && / [a-z]/i.test(s)) out += `${s}\n`;
  }
  return out;
}

/**
 * The first runs of 24 or more base64 characters, each with up to two `=` of padding: what
 * /[A-Za-z0-9+/]{24,}={0,2}/g finds, in one pass over the characters (the regex retries every
 * position of a long text that has no such run).
 */
export function base64Runs(text: string): string[] {
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length && runs.length < BASE64_MAX_RUNS; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    if (c < 128 && BASE64_CHAR[c] === 1) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && i - start >= BASE64_MIN_RUN) {
      let end = i;
      while (end < text.length && end - i < 2 && text.charCodeAt(end) === 61) end++;
      runs.push(text.slice(start, end));
      i = end - 1;
    }
    start = -1;
  }
  return runs;
}
