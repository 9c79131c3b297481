// Evidence from the description: the leading verb of its first sentence (the author's own summary)
// weighs most; phrases anywhere add side effects ("permanently", "arbitrary shell commands").
// Negated clauses ("does not delete") are blanked before the positive phrases are matched.
import type { Evidence } from '../classifier.ts';
import { scanWords, LEXICON, type TextWords } from '../text-words.ts';
import { TriggerIndex } from '../trigger-index.ts';
import { collectNounClasses, type NounClass } from './noun-lexicon.ts';
import { isPhrasalParticle, phrasalVerb, VERBS, verbStem } from './verb-lexicon.ts';
import { verbObjectEvidence } from './verb-object.ts';

/** Phrase matching stops here: the first few hundred words carry the meaning; the rest is detail. */
const MAX_SCAN = 3000;
const LEAD_WEIGHT = 2.5;

/** Words that open a description before its real verb ("This tool lets you quickly …"). */
const LEAD_IN: ReadonlySet<string> = new Set([
  'this', 'tool', 'tools', 'the', 'a', 'an', 'use', 'used', 'to', 'allows', 'allow', 'you', 'user', 'users', 'lets',
  'let', 'can', 'be', 'will', 'helps', 'help', 'enables', 'enable', 'simple', 'mcp', 'function', 'that', 'which',
  'it', 'api', 'endpoint', 'method', 'please', 'i', 'we', 'me', 'us', 'utility', 'command', 'action', 'operation',
  'for', 'and', 'then', 'also', 'just', 'here', 'call', 'calls', 'invoke', 'server', 'agent', 'assistant', 'easily',
  'is', 'are', 'has', 'have', 'was', 'need', 'needs', 'should', 'must', 'may', 'when', 'if', 'with', 'from', 'in', 'on', 'of',
]);

interface PhraseRule {
  re: RegExp;
  /** The regex runs only when one of these words is in the text. */
  words: readonly string[];
  signal: string;
  weight: number;
  text: string;
}

// Run on the raw text: these phrases carry their own negation.
const CLAIMS: readonly PhraseRule[] = [
  { re: /\bread[- ]only\b|\bdoes(?: not|n't) (?:modify|change|alter|write|delete|create|mutate)|\bno (?:changes are made|side effects)\b|\bnon-destructive\b|\bnever modifies\b/, signal: 'read-only-claim', words: ['read', 'does', 'doesn', 'no', 'non', 'never'], weight: 2, text: 'the description says it does not change anything' },
  // "… reads the state without modifying it" often describes one mode of several: a weaker claim.
  { re: /\bwithout (?:modifying|changing|making (?:any )?changes|side effects)/, signal: 'read-only-claim', words: ['without'], weight: 0.8, text: 'the description says it reads without changing anything' },
  { re: /\bpermanently\b|\birreversib|\bcannot be (?:undone|recovered|reversed)|\bcan't be undone|\bunrecoverable\b|\bnot (?:be )?recoverable\b/, signal: 'irreversible', words: ['permanently', 'irreversible', 'irreversibly', 'cannot', 'can', 'unrecoverable', 'recoverable'], weight: 1.5, text: 'the description says the change cannot be undone' },
  { re: /\bsoft[- ]delete|\bmove[sd]? (?:\w+ )?to (?:the )?(?:trash|bin|recycle)|\bcan (?:later )?be (?:restored|undone|recovered)|\brecoverable\b/, signal: 'reversible', words: ['soft', 'trash', 'bin', 'recycle', 'restored', 'undone', 'recovered', 'recoverable'], weight: 1, text: 'the description says the change can be undone' },
  { re: /\bselect[- ]only\b|\bonly (?:select|read) (?:queries|statements)|\bselect (?:queries|query|statements?)\b|\bread[- ]only (?:query|queries|sql|transaction)/, signal: 'read-only-query', words: ['select', 'only'], weight: 2, text: 'the description limits it to read-only queries' },
];

// Run after negated clauses are blanked.
const PHRASES: readonly PhraseRule[] = [
  { re: /\b(?:arbitrary|any) (?:shell |bash |terminal |system |os |python |javascript |js )?(?:commands?|code|scripts?)\b|\b(?:shell|bash|terminal|powershell|system|cli) commands?\b|\bcommand[- ]line\b|\b(?:terminal|shell) (?:operations|access)\b/, signal: 'exec', weight: 2.5, words: ['arbitrary', 'any', 'shell', 'bash', 'terminal', 'powershell', 'system', 'cli', 'command', 'commands', 'line'], text: 'the description says it runs commands or code' },
  { re: /\b(?:execut|run|evaluat)(?:e|es|ed|ing|s)? (?:a |the |arbitrary |any |given |provided |custom )*(?:python|javascript|js|node\.js|typescript|ruby|r|code|scripts?|snippets?)\b|\b(?:execut|run)(?:e|es|ed|ing|s)? (?:the )?[\w.-]+ cli\b/, signal: 'exec', weight: 2, words: ['execute', 'executes', 'executed', 'executing', 'run', 'runs', 'running', 'evaluate', 'evaluates', 'evaluating'], text: 'the description says it executes code' },
  // Driving the host's desktop (mouse and keyboard) reaches anything the user can do, a terminal included.
  { re: /\b(?:mouse and keyboard|keyboard and mouse)\b|\bcontrols? (?:the |your |a )?(?:user'?s )?(?:desktop|computer)\b/, signal: 'exec', weight: 2.5, words: ['mouse', 'keyboard', 'control', 'controls'], text: "the description says it drives the computer's mouse and keyboard" },
  { re: /\bsandbox(?:ed)?\b|\bisolated (?:environment|container|vm|runtime)|\bin (?:the|a) (?:browser|page)(?: context)?\b|\bon (?:the )?(?:current )?page\b|\be2b\b|\bpyodide\b|\bwebassembly\b|\bwasm\b|\bfirecracker\b|\bmicro-?vm\b/, signal: 'sandbox', words: ['sandbox', 'sandboxed', 'isolated', 'browser', 'page', 'e2b', 'pyodide', 'webassembly', 'wasm', 'firecracker', 'microvm', 'micro'], weight: 2, text: 'the description places execution in a sandbox or page' },
  // A list of statements names SQL only with a keyword prose does not use: "create or update a case" is not DML.
  { re: /\b(?:execut|run)(?:e|es|ed|ing|s)? (?:a |an |the |any |arbitrary )*(?:sql|queries|query|statements?)\b|\b(?:insert|drop|alter)(?:,| or| and|\/) ?(?:insert|update|delete|drop|alter|create)\b|\b(?:update|delete|create)(?:,| or| and|\/) ?(?:insert|drop|alter)\b|\bddl\b|\bdml\b/, signal: 'exec-query', words: ['execute', 'executes', 'executed', 'executing', 'run', 'runs', 'running', 'insert', 'ddl', 'dml'], weight: 1.5, text: 'the description says it runs database statements' },
  { re: /\bsends? (?:an? |the |new )*(?:e-?mails?|messages?|sms|texts?|notifications?|dms?|direct messages?|invit\w+|replies|reply)\b|\bposts? (?:a |an |the |new )*(?:message|comment|tweet|status|reply|update|story|photo)|\bpublish(?:es|ed)?\b|\bbroadcasts?\b|\bpublicly\b|\bvisible to (?:others|everyone|all)/, signal: 'public-sink', words: ['send', 'sends', 'post', 'posts', 'publish', 'publishes', 'published', 'broadcast', 'broadcasts', 'publicly', 'visible'], weight: 1.5, text: 'the description says it sends or publishes something others see' },
  { re: /\bdrafts?\b|\bwithout sending\b/, signal: 'draft', words: ['draft', 'drafts', 'without'], weight: 1, text: 'the description says it only prepares a draft' },
  { re: /\b(?:charges?|refunds?|transfers?|pays?|sends?|withdraws?|deposits?)\b[^.]{0,40}\b(?:money|funds|payments?|usd|eur|gbp|amount|tokens|eth|btc|sol|crypto|\$\d)|\bpayouts?\b|\bwire transfers?\b|\bmoves? money\b/, signal: 'money', words: ['charge', 'charges', 'refund', 'refunds', 'transfer', 'transfers', 'pay', 'pays', 'send', 'sends', 'withdraw', 'withdraws', 'deposit', 'deposits', 'payout', 'payouts', 'wire', 'move', 'moves'], weight: 1.5, text: 'the description says it moves money' },
  { re: /\b(?:creat|generat|issu|mint|rotat|regenerat)(?:e|es|ed|ing|s)? (?:a |an |new |the )*(?:api[- ]?keys?|access[- ]tokens?|tokens?|credentials?|passwords?|secrets?|ssh keys?|personal access tokens?|keys?|certificates?)\b/, signal: 'credential', words: ['create', 'creates', 'created', 'creating', 'generate', 'generates', 'generated', 'generating', 'issue', 'issues', 'issued', 'issuing', 'mint', 'mints', 'rotate', 'rotates', 'regenerate', 'regenerates'], weight: 2, text: 'the description says it issues credentials' },
  { re: /\bgrants? (?:\w+ )?(?:access|permissions?|roles?)|\badds? [^.]{0,30}\bas (?:an? )?(?:collaborator|member|admin|owner|maintainer)|\b(?:assign|chang|updat|set)(?:e|es|ed|ing|s)? (?:the |a |their )?(?:role|permissions?|access level)\b|\bshares? (?:\w+ ){0,3}with\b/, signal: 'access-grant', words: ['grant', 'grants', 'add', 'adds', 'assign', 'assigns', 'change', 'changes', 'update', 'updates', 'set', 'sets', 'share', 'shares'], weight: 1.5, text: 'the description says it grants access' },
  { re: /\boverwrit|\breplaces? (?:the )?(?:entire|existing|whole|current) |\bforce[- ]push/, signal: 'overwrite', words: ['overwrite', 'overwrites', 'overwriting', 'overwritten', 'replace', 'replaces', 'force'], weight: 1.5, text: 'the description says it overwrites existing content' },
  { re: /\b(?:delet|remov|drop|purg|wip|truncat|destroy)(?:e|es|ed|ing|s)? (?:all|every)\b|\bmatching (?:the )?(?:filter|query|criteria|conditions?)\b|\bin bulk\b|\bbulk (?:delet|remov)|\bentire (?:database|table|bucket|collection|index)\b/, signal: 'bulk', words: ['all', 'every', 'matching', 'bulk', 'entire'], weight: 1.5, text: 'the description says it acts on many items at once' },
  { re: /\b(?:add|create)s?\b[^.]{0,50}\b(?:update|edit|modify|rename|move)s?\b[^.]{0,50}\b(?:delete|remove)s?\b|\b(?:actions?|operations?|modes?)\b[^.]{0,20}(?:create|add|list|get)[^.]{0,40}\b(?:delete|remove)\b/, signal: 'multi-mode', words: ['add', 'adds', 'create', 'creates', 'action', 'actions', 'operation', 'operations', 'mode', 'modes'], weight: 2, text: 'the description lists several modes including removal' },
  { re: /\byour (?:e-?mails?|messages?|files?|accounts?|calendars?|contacts?|documents?|notes?|repositor(?:y|ies)|data|inbox|history)\b|\bprivate\b|\bpersonal\b|\bconfidential\b|\bauthenticated user\b|\bcustomers?\b|\baccount\b/, signal: 'data-private', words: ['your', 'private', 'personal', 'confidential', 'authenticated', 'customer', 'customers', 'account'], weight: 1, text: 'the description mentions private data' },
  { re: /\bpublic(?:ly available)?\b|\bthe web\b|\binternet\b|\bwikipedia\b|\bweather\b|\bopen data\b|\bdocumentation\b|\bdocs\b/, signal: 'data-public', words: ['public', 'publicly', 'web', 'internet', 'wikipedia', 'weather', 'open', 'documentation', 'docs'], weight: 0.8, text: 'the description mentions public data' },
  { re: /\bweb ?pages?\b|\bwebsites?\b|\bfetch(?:es)? (?:the )?(?:contents?|url|page|html)|\bscrap(?:e|es|ing)\b|\bsearch(?:es)? the web\b|\bhtml\b|\burls?\b|\bsearch results\b/, signal: 'data-untrusted', words: ['web', 'webpage', 'webpages', 'page', 'pages', 'website', 'websites', 'fetch', 'fetches', 'scrape', 'scrapes', 'scraping', 'search', 'searches', 'html', 'url', 'urls'], weight: 0.8, text: 'the description mentions content from the web' },
  { re: /\b(?:writ|sav)(?:e|es|ing|ed)? (?:\w+ ){0,5}?(?:to|as|into) (?:a |the )?(?:local |new |chosen |given )?(?:files?|disk|path|directory|folder|output directory)\b/, signal: 'local-file-write', words: ['write', 'writes', 'writing', 'written', 'save', 'saves', 'saving', 'saved'], weight: 2, text: 'the description says it writes a file' },
  { re: /\bproduction\b|\bdeploy(?:s|ed|ment)?\b|\bclusters?\b|\bdns\b|\bfeature flags?\b/, signal: 'infra', words: ['production', 'deploy', 'deploys', 'deployed', 'deployment', 'cluster', 'clusters', 'dns', 'feature'], weight: 0.8, text: 'the description mentions production or shared infrastructure' },
  { re: /\bstarts? (?:a |an )?(?:new )?(?:background |async(?:hronous)? |long-running )?(?:job|task|crawl|scan|export|build|run)\b/, signal: 'job-trigger', words: ['start', 'starts'], weight: 1, text: 'the description says it starts a server-side job' },
];

const CLAIM_TRIGGERS = new TriggerIndex(CLAIMS.length, (i) => CLAIMS[i]);
const PHRASE_TRIGGERS = new TriggerIndex(PHRASES.length, (i) => PHRASES[i]);
// NEGATED needs a negation word, or a contraction: "can't" is the words "can" and "t".
const NEGATION_WORDS = LEXICON.idsOf(['not', 'never', 'no', 'without', 'cannot']);
const CONTRACTED = LEXICON.idsOf(['can', 'doesn', 'don', 'won', 'isn']);
const CONTRACTION_T = LEXICON.id('t');
/** Words that end a direct object: "remove a label | from an issue". */
const PREPOSITIONS: ReadonlySet<string> = new Set(['from', 'in', 'on', 'of', 'to', 'for', 'with', 'into', 'within', 'at', 'by', 'via', 'using']);

/** Words that introduce the means of a call rather than its object: "with your API key", "using a token". */
const MEANS: ReadonlySet<string> = new Set(['with', 'using', 'via', 'through']);

function beforeMeans(words: readonly string[]): readonly string[] {
  const end = words.findIndex((w) => MEANS.has(w));
  return end < 0 ? words : words.slice(0, end);
}

function headNoun(words: readonly string[]): Set<NounClass> {
  const object: string[] = [];
  for (const w of words) {
    if (PREPOSITIONS.has(w)) break;
    object.push(w);
  }
  return collectNounClasses(object);
}

const NEGATED = /\b(?:not|never|no|without|cannot|can't|doesn't|don't|won't|isn't)\b[^.,;:]{0,40}/g;
const SENTENCE_END = /[.!?](?:\s|$)|\n/;
const WORD = /[a-z][a-z0-9'-]*/g;

/** `shared`, when given, is the caller's scan of the description's first MAX_SCAN characters, lowercased. */
export function descriptionPhrases(description: string | undefined, shared?: TextWords): Evidence[] {
  const out: Evidence[] = [];
  if (description === undefined) return out;
  const text = shared?.lower ?? description.slice(0, MAX_SCAN).toLowerCase();
  if (text.trim().length === 0) return out;

  const lead = leadVerb(text);
  if (lead !== undefined) out.push(...lead);

  const words = shared ?? scanWords(text);
  const claims = CLAIM_TRIGGERS.fired(words);
  for (let i = 0; i < CLAIMS.length; i++) {
    const rule = CLAIMS[i];
    if (rule === undefined || claims[i] !== 1) continue;
    const m = rule.re.exec(text);
    if (m !== null) out.push({ signal: rule.signal, weight: rule.weight, source: 'description', text: `${rule.text}: "${m[0]}"` });
  }
  const negated = words.hasAny(NEGATION_WORDS) || (words.has(CONTRACTION_T) && words.hasAny(CONTRACTED));
  const positive = negated ? text.replace(NEGATED, ' ') : text;
  const phrases = PHRASE_TRIGGERS.fired(words);
  for (let i = 0; i < PHRASES.length; i++) {
    const rule = PHRASES[i];
    if (rule === undefined || phrases[i] !== 1) continue;
    const m = rule.re.exec(positive);
    if (m !== null) out.push({ signal: rule.signal, weight: rule.weight, source: 'description', text: `${rule.text}: "${m[0].trim()}"` });
  }
  return out;
}

/** The first verb of the first sentence, with the nouns right after it. */
const ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the']);
const LIGHT_VERBS: ReadonlySet<string> = new Set(['take', 'takes', 'make', 'makes', 'place', 'places', 'do', 'does', 'perform', 'performs', 'conduct', 'conducts', 'give', 'gives', 'carry', 'carries', 'have', 'has']);

/** Words that end a noun phrase naming data: "funding rate history", "order book data". */
const HEAD_NOUNS: ReadonlySet<string> = new Set(['history', 'data', 'info', 'information', 'details', 'stats', 'statistics', 'summary', 'overview', 'status', 'list', 'report', 'metrics', 'snapshot', 'feed', 'records', 'lookup', 'chart', 'index']);

/**
 * Whether the word at `i` sits inside a short, verbless opening noun phrase ("Funding rate history.",
 * "Hyperliquid orders."): after a word that is not a lead-in, and either the last word (a plural) or
 * followed only by a head noun. There a verb-shaped word is a noun.
 */
function inNounPhrase(words: readonly string[], i: number): boolean {
  if (i === 0 || words.length > 4) return false;
  let afterNoun = false;
  for (let j = 0; j < i; j++) if (!LEAD_IN.has(words[j] ?? '')) afterNoun = true;
  if (!afterNoun) return false;
  const word = words[i] ?? '';
  if (i === words.length - 1) return word.endsWith('s');
  return i === words.length - 2 && HEAD_NOUNS.has(words[i + 1] ?? '');
}

function leadVerb(text: string): Evidence[] | undefined {
  const end = text.search(SENTENCE_END);
  const first = end > 0 ? text.slice(0, end) : text.slice(0, 300);
  const words = first.match(WORD);
  if (words === null) return undefined;
  for (let i = 0; i < Math.min(words.length, 10); i++) {
    const word = words[i] ?? '';
    // Adverbs ("quickly") are skipped; "apply", "reply" and "multiply" end the same way and are verbs.
    if (LEAD_IN.has(word) || (word.endsWith('ly') && !VERBS.has(word))) continue;
    // A word right after an article is a noun ("Rerank a set of documents"), unless a light verb
    // hands it the action: "take a screenshot", "place a buy order".
    if (i > 0 && ARTICLES.has(words[i - 1] ?? '') && !LIGHT_VERBS.has(words[i - 2] ?? '')) continue;
    if (isPhrasalParticle(words[i - 1], word)) continue;
    if (inNounPhrase(words, i)) continue;
    const stem = phrasalVerb(word, words[i + 1]) ?? verbStem(word);
    if (stem === undefined) {
      // A description that opens with a noun phrase ("GitHub issue search: …") may name its verb
      // a word or two later; anything further is no longer the summary.
      if (i >= 3) return undefined;
      continue;
    }
    const entry = VERBS.get(stem);
    if (entry === undefined) return undefined;
    const following = words.slice(i + 1, i + 8);
    // The verb stays in view, skipped, as context for its object ("rollback a transaction" is a database's).
    const nouns = collectNounClasses(words.slice(i, i + 8), 0);
    // "List projects accessible with current credentials": credentials the call uses are not its object.
    if (nouns.has('credential') && !collectNounClasses(beforeMeans(following)).has('credential')) nouns.delete('credential');
    const head = headNoun(following);
    const quote = words.slice(i, i + 6).join(' ');
    const out = verbObjectEvidence({ verb: stem, entry, nouns, words: new Set(following), source: 'description', quote: `"${quote}"`, head, weight: entry.weak === true ? LEAD_WEIGHT * 0.7 : LEAD_WEIGHT });
    // "Convert text to speech and save the file": a second, coordinated verb that changes things counts.
    for (let j = i + 1; j < words.length - 1; j++) {
      const joiner = words[j];
      if (joiner !== 'and' && joiner !== 'then') continue;
      const second = verbStem(words[j + 1] ?? '');
      const secondEntry = second === undefined ? undefined : VERBS.get(second);
      if (second === undefined || secondEntry === undefined || secondEntry.weak === true || secondEntry.cat === 'read' || secondEntry.cat === entry.cat) continue;
      const after = words.slice(j + 2, j + 8);
      const nouns2 = collectNounClasses(after);
      out.push({ signal: 'compound', weight: 1, source: 'description', text: `the description joins '${stem}' and '${second}'` });
      out.push(...verbObjectEvidence({ verb: second, entry: secondEntry, nouns: nouns2, words: new Set(after), source: 'description', quote: `"${words.slice(j + 1, j + 6).join(' ')}"`, weight: LEAD_WEIGHT * 0.9 }));
      break;
    }
    return out;
  }
  return undefined;
}
