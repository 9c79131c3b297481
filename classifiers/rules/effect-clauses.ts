// Evidence from statements of effect after the summary: "Report a CI run in one call: creates the
// run, records every result…", "Reset the environment, clearing all files", "Generate a plan.
// Creates plan files in mcp/plan." The lead verb names the task; a later clause that opens with a
// change verb in the third person (or, after a comma, its -ing form) says what the call also does.
import type { Evidence } from '../classifier.ts';
import { LEXICON, type TextWords } from '../text-words.ts';
import { collectNounClasses } from './noun-lexicon.ts';
import { VERBS, verbStem, type VerbEntry } from './verb-lexicon.ts';
import { verbObjectEvidence } from './verb-object.ts';

/** Below the lead verb's 2.5: the summary names the task, a later clause only adds to it. */
const EFFECT_WEIGHT = 2.0;

/** Words after which a third-person form is a plural noun or the clause is negated: "Updates are applied", "creates nothing". */
const NOT_AN_EFFECT: ReadonlySet<string> = new Set([
  'are', 'were', 'is', 'was', 'will', 'can', 'may', 'might', 'must', 'should', 'would', 'could', 'have', 'had', 'no',
  'nothing', 'none', 'never', 'not', 'of', 'per', 'to', 'for', 'from', 'made', 'done', 'happen', 'occur', 'take',
  'and', 'or', 'nor', 'in',
]);
const OBJECT_WORD = /[a-z][a-z0-9'-]*/g;

interface Form {
  stem: string;
  entry: VerbEntry;
  /** An -ing form: an effect only after a comma ("…, clearing all files"). */
  gerund: boolean;
  length: number;
}

/**
 * Verbs that change stored things whatever the sentence: not `send` or `call` (how a tool works:
 * "sends one request"), not `accept` or `follow` ("accepts a path", "follows the conventions").
 */
const EFFECT_VERBS = [
  'create', 'write', 'save', 'store', 'overwrite', 'update', 'modify', 'insert', 'append', 'upload', 'commit', 'push',
  'publish', 'post', 'install', 'deploy', 'register', 'rename', 'move', 'replace', 'archive', 'submit', 'schedule',
  'delete', 'remove', 'clear', 'wipe', 'erase', 'destroy', 'purge', 'truncate', 'uninstall', 'terminate', 'kill',
  'discard', 'drop', 'revoke', 'cancel', 'prune', 'flush', 'reset', 'restart', 'charge', 'refund', 'transfer',
];

/** Every third-person and -ing form of the verbs above, by lexicon id (dense small integers: an array lookup per word). */
const FORMS: Array<Form | undefined> = [];
for (const stem of EFFECT_VERBS) {
  const entry = VERBS.get(stem);
  if (entry === undefined || entry.cat === 'read') continue;
  const base = stem.endsWith('e') ? stem.slice(0, -1) : stem;
  const candidates = [`${stem}s`, `${stem}es`, `${stem.slice(0, -1)}ies`, `${base}ing`, `${stem}ing`];
  for (const form of candidates) {
    if (form === stem || verbStem(form) !== stem || VERBS.has(form)) continue;
    FORMS[LEXICON.id(form)] = { stem, entry, gerund: form.endsWith('ing'), length: form.length };
  }
}

/**
 * `lower` is the lowercased description and `words` its scan. At most one piece of evidence per
 * category: three clauses saying "creates" are one statement of effect, not three.
 */
export function effectClauses(lower: string, words: TextWords): Evidence[] {
  const out: Evidence[] = [];
  const ids = words.occurrenceIds;
  const at = words.occurrenceAt;
  let seen = '';
  for (let k = 0; k < ids.length; k++) {
    const form = FORMS[ids[k] as number];
    if (form === undefined || seen.includes(form.entry.cat)) continue;
    const p = at[k] as number;
    if (!opensClause(lower, p, form.gerund)) continue;
    // A word closed by punctuation is an item of a list ("comments, updates, attachments"), not a clause.
    if (lower.charCodeAt(p + form.length) !== 32) continue;
    OBJECT_WORD.lastIndex = p;
    const following: string[] = [];
    for (let m = OBJECT_WORD.exec(lower); m !== null && following.length < 8; m = OBJECT_WORD.exec(lower)) following.push(m[0]);
    if (NOT_AN_EFFECT.has(following[1] ?? '')) continue;
    seen += form.entry.cat;
    const quote = following.slice(0, 6).join(' ');
    const nouns = collectNounClasses(following, 0);
    // The category vote only: the risk reads the summary and the named phrases, not every later clause.
    // And only while the object keeps it that change: "…, creating a regex string" returns text, adds nothing.
    for (const e of verbObjectEvidence({ verb: form.stem, entry: form.entry, nouns, words: new Set(following.slice(1)), source: 'description', quote: `"${quote}"`, weight: EFFECT_WEIGHT })) {
      if (e.signal === form.entry.cat) out.push(e);
    }
  }
  return out;
}

/**
 * Whether the word at `p` opens a clause: it follows a sentence end, a colon, semicolon, bracket,
 * dash or list bullet, or `and`/`then`; after a comma too, where an -ing form must be. The text's
 * first word is the lead verb's, read elsewhere.
 */
function opensClause(lower: string, p: number, gerund: boolean): boolean {
  let i = p - 1;
  while (i >= 0 && lower.charCodeAt(i) === 32) i--;
  if (i < 0) return false;
  const c = lower[i] as string;
  if (c === ',') return true;
  if (gerund) return false;
  if (c === '.' || c === '!' || c === '?' || c === ':' || c === ';' || c === '(' || c === '\n' || c === '-' || c === '•' || c === '*') return true;
  return lower.slice(i - 3, i + 1) === ' and' || lower.slice(i - 4, i + 1) === ' then';
}
