// Evidence from the tool's name: which verb leads it, what it acts on, and whether the name only
// previews or validates a change (`delete_preview`, `validate_deploy` are Reads).
import type { Evidence } from '../classifier.ts';
import { collectNounClasses, nounClasses, type NounClass } from './noun-lexicon.ts';
import { splitGluedName, tokenizeName } from './tokenize-name.ts';
import { DRY_RUN_TOKENS, isPhrasalParticle, phrasalVerb, VERBS, type VerbCategory } from './verb-lexicon.ts';
import { DATA_SIGNAL, verbObjectEvidence } from './verb-object.ts';

const STRONG = 3;
const WEAK = 2;
const TRAILING_DRY_RUN: ReadonlySet<string> = new Set(['preview', 'dryrun', 'simulate', 'simulation', 'validate', 'validation', 'estimate', 'lint', 'check', 'whatif', 'impact']);
const PREDICATE_HEADS: ReadonlySet<string> = new Set(['is', 'can', 'has', 'should', 'does', 'will']);
const CONNECTORS: ReadonlySet<string> = new Set(['and', 'or', 'then']);
const CAT_RANK: Record<VerbCategory, number> = { read: 0, write: 1, delete: 2 };
const NOUNISH_VERBS: ReadonlySet<string> = new Set(['sync', 'config', 'setup', 'init', 'build', 'run', 'deploy', 'export', 'import', 'merge', 'backup', 'upload', 'download', 'index', 'release', 'order', 'transfer', 'scan', 'test', 'push', 'commit', 'login', 'payment', 'refund', 'charge', 'job', 'migrate', 'install', 'restore', 'call', 'message', 'post', 'comment', 'review', 'schedule', 'book', 'trade', 'trash', 'archive', 'draft', 'share']);
const READ_HEADS: ReadonlySet<string> = new Set(['status', 'info', 'details', 'history', 'logs', 'log', 'stats', 'statistics', 'progress', 'result', 'results', 'state', 'summary', 'report', 'reports', 'metrics', 'list', 'count', 'preview', 'output']);
/** Nouns that name a runner on their own (`bash`, `python_repl`), unlike `query` or `function`. */
const RUNNER_NOUNS: ReadonlySet<string> = new Set(['command', 'cmd', 'shell', 'bash', 'sh', 'powershell', 'terminal', 'script', 'python', 'repl', 'javascript', 'js', 'ruby', 'applescript', 'exec']);
const MULTI_MODE_HEADS: ReadonlySet<string> = new Set(['manage', 'crud', 'admin', 'handle', 'modify']);
/** A name ending in an agent noun says what the tool is (`deploy-services-reader` reads): that noun's verb leads. */
const AGENT_NOUNS: ReadonlyMap<string, string> = new Map([
  ['reader', 'read'], ['viewer', 'view'], ['fetcher', 'fetch'], ['getter', 'get'], ['lister', 'list'], ['finder', 'find'],
  ['searcher', 'search'], ['inspector', 'inspect'], ['writer', 'write'], ['updater', 'update'], ['creator', 'create'],
  ['deleter', 'delete'], ['remover', 'remove'],
]);
/** Read verbs that are also nouns, so a change verb after them leads (`monitor_create`, `alert_delete`). */
const NOUN_LIKE_READS: ReadonlySet<string> = new Set(['monitor', 'search', 'report', 'alert', 'log', 'query', 'scan', 'audit', 'watch', 'poll', 'export', 'download', 'index', 'list']);

interface VerbAt {
  index: number;
  token: string;
}

/** `tokens`, when given, is tokenizeName(name) already computed by the caller. */
export function nameVerbs(name: string, nameTokens?: readonly string[]): Evidence[] {
  let tokens: readonly string[] = nameTokens ?? tokenizeName(name);
  if (tokens.length === 1 && tokens[0] !== undefined && !VERBS.has(tokens[0])) {
    tokens = splitGluedName(tokens[0], (t) => VERBS.has(t), (t) => nounClasses(t).length > 0);
  }
  const out: Evidence[] = [];
  if (tokens.length === 0) return out;
  const quote = name.length > 80 ? name.slice(0, 80) : name;

  let verbs: VerbAt[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    const phrasal = phrasalVerb(t, tokens[i + 1]);
    if (phrasal !== undefined) verbs.push({ index: i, token: phrasal });
    else if (VERBS.has(t) && !isPhrasalParticle(tokens[i - 1], t)) verbs.push({ index: i, token: t });
  }
  const agent = tokens.length > 1 ? AGENT_NOUNS.get(tokens[tokens.length - 1] ?? '') : undefined;
  if (agent !== undefined && VERBS.has(agent)) {
    verbs = [{ index: tokens.length - 1, token: agent }];
  } else if (verbs.length >= 2 && readsAfterNoun(verbs, tokens)) {
    // `deploy_get_status`, `release_check_versions`: a change verb that is also a noun names the subject of the read after it.
    verbs = verbs.slice(1);
  } else if (verbs.length >= 2) {
    // Noun-first names put the verb last: `monitor_create` creates a monitor.
    const last = verbs[verbs.length - 1];
    const lastEntry = last === undefined ? undefined : VERBS.get(last.token);
    if (last !== undefined && last.index === tokens.length - 1 && lastEntry !== undefined && lastEntry.cat !== 'read' && lastEntry.weak !== true && verbs.slice(0, -1).every((v) => NOUN_LIKE_READS.has(v.token))) {
      verbs = [last];
    }
  }
  // `dry` + `run` and `what` + `if` are one word.
  const dryRunPhrase = spansTokens(tokens, 'dry', 'run') || spansTokens(tokens, 'what', 'if');

  const strong = verbs.filter((v) => VERBS.get(v.token)?.weak !== true);
  // A weak verb that ends a longer name is its noun (`git_log`, `slack_message`).
  const weakLead = verbs.find((v) => !(tokens.length > 1 && v.index === tokens.length - 1 && VERBS.get(v.token)?.cat !== 'read'));
  const primary = strong[0] ?? weakLead;

  if (tokens.some((t) => MULTI_MODE_HEADS.has(t))) {
    out.push({ signal: 'multi-mode', weight: 2, source: 'name', text: `the name '${quote}' suggests a tool that manages several operations` });
    out.push({ signal: 'write', weight: 2.5, source: 'name', text: `'manage'-style names create, change and remove (${quote})` });
  }
  if (primary === undefined) {
    const nouns = collectNouns(tokens, -1);
    if (nouns.has('exec') && tokens.some((t) => RUNNER_NOUNS.has(t))) out.push({ signal: 'exec', weight: 2, source: 'name', text: `the name '${quote}' names a code or command runner` });
    for (const cls of ['private', 'public', 'untrusted', 'compute'] as const) {
      if (nouns.has(cls)) out.push({ signal: DATA_SIGNAL[cls], weight: 0.6, source: 'name', text: `the name mentions ${cls} data (${quote})` });
    }
    return out;
  }

  let entry = VERBS.get(primary.token);
  if (entry === undefined) return out;
  const words = new Set(tokens);
  // `API-post-page`, `api_patch_user`: HTTP methods name the request, not a publication.
  if (words.has('api') || words.has('http')) {
    if (primary.token === 'post') entry = { cat: 'write' };
    if (primary.token === 'patch' || primary.token === 'put') entry = { cat: 'write' };
  }
  // `sync_status`, `build_logs`: a verb used as a noun before a read-only head noun names a report.
  const lastToken = tokens[tokens.length - 1] ?? '';
  if (entry.cat !== 'read' && NOUNISH_VERBS.has(primary.token) && READ_HEADS.has(lastToken) && primary.index < tokens.length - 1 && strong.length <= 1) {
    entry = { cat: 'read' };
  }
  const nouns = collectNouns(tokens, primary.index);

  // A later verb joined by `or`/`and` (`get_or_create`, `find_and_replace`) makes a compound action.
  let compound: VerbAt | undefined;
  for (const v of verbs) {
    if (v.index <= primary.index) continue;
    const between = tokens.slice(primary.index + 1, v.index);
    // `get_or_create`, and with an object between: `generate_code_and_execute`.
    const joined = (between.length === 1 || between.length === 2) && CONNECTORS.has(between[between.length - 1] ?? '');
    if (between.length <= 2 && (between.length === 0 ? v.index === primary.index + 1 && TRAILING_DRY_RUN.has(v.token) === false && isCoordinated(tokens, primary.index) : joined)) {
      compound = v;
      break;
    }
  }

  const head = tokens[0] ?? '';
  const last = tokens[tokens.length - 1] ?? '';
  const changes = verbs.some((v) => VERBS.get(v.token)?.cat !== 'read');
  const leadingDryRun = DRY_RUN_TOKENS.has(primary.token) && primary.index === verbs[0]?.index && changes;
  const trailingDryRun = (TRAILING_DRY_RUN.has(last) || dryRunPhrase) && changes && primary.token !== last;
  if (PREDICATE_HEADS.has(head) || leadingDryRun || trailingDryRun || dryRunPhrase) {
    out.push({ signal: 'dry-run', weight: 4, source: 'name', text: `the name '${quote}' previews, checks or validates rather than changes` });
  }

  // A one-word name (`add`, `delete`) is less telling than `delete_repository`.
  const weight = VERBS.get(primary.token)?.weak === true || tokens.length === 1 ? WEAK : STRONG;
  out.push(...verbObjectEvidence({ verb: primary.token, entry, nouns, words, source: 'name', quote, weight }));

  if (compound !== undefined) {
    const second = VERBS.get(compound.token);
    if (second !== undefined) {
      const connector = tokens[compound.index - 1];
      if (CAT_RANK[second.cat] !== CAT_RANK[entry.cat]) {
        out.push({ signal: 'compound', weight: 1, source: 'name', text: `the name joins '${primary.token}' and '${compound.token}'` });
        if (connector === 'or') out.push({ signal: 'get-or-create', weight: 2, source: 'name', text: `'${primary.token} or ${compound.token}' may do either` });
      }
      out.push(...verbObjectEvidence({ verb: compound.token, entry: second, nouns: collectNouns(tokens, compound.index), words, source: 'name', quote, weight: weight * 0.9 }));
    }
  }
  return out;
}

/** Whether the name opens with a nounish change verb followed, at most one word later, by a strong read verb that is not a noun too: `build_get_logs`. */
function readsAfterNoun(verbs: readonly VerbAt[], tokens: readonly string[]): boolean {
  const [first, second] = verbs;
  if (first === undefined || second === undefined || !NOUNISH_VERBS.has(first.token)) return false;
  const firstEntry = VERBS.get(first.token);
  const secondEntry = VERBS.get(second.token);
  // A read that is itself a noun is what the first verb makes: `run_audit` runs an audit (see verb-object.ts).
  // `list` with more after it is the verb again: `trash_list_custom_formats`.
  const listing = second.token === 'list' && second.index === first.index + 1 && second.index < tokens.length - 1;
  if (firstEntry === undefined || firstEntry.cat === 'read' || secondEntry === undefined || secondEntry.cat !== 'read' || secondEntry.weak === true || (NOUN_LIKE_READS.has(second.token) && !listing)) return false;
  const gap = second.index - first.index;
  return gap >= 1 && gap <= 2 && !tokens.slice(first.index + 1, second.index).some((t) => CONNECTORS.has(t));
}

/** Whether `tokens.join(' ')` contains "<end> <start>", without joining: one token ends with `end`, the next starts with `start`. */
function spansTokens(tokens: readonly string[], end: string, start: string): boolean {
  for (let i = 0; i + 1 < tokens.length; i++) if ((tokens[i] ?? '').endsWith(end) && (tokens[i + 1] ?? '').startsWith(start)) return true;
  return false;
}

/** `find_replace`: two verbs side by side are a compound only when the first is a plain read. */
function isCoordinated(tokens: readonly string[], index: number): boolean {
  const t = tokens[index];
  return t === 'find' || t === 'search' || t === 'fetch' || t === 'read' || t === 'get';
}

function collectNouns(tokens: readonly string[], verbIndex: number): Set<NounClass> {
  const out = collectNounClasses(tokens, verbIndex);
  // `payment_link`, `payment_method`: the head noun is not money itself.
  const last = tokens[tokens.length - 1];
  if (last === 'link' || last === 'links' || last === 'method' || last === 'methods' || last === 'settings' || last === 'status') out.delete('money');
  return out;
}
