// Evidence about whose data a tool touches, for the risk floors in LABELS.md rather than the
// category: public information (web, docs and package search, maps, weather, time, maths) reads
// Low; the tool's or agent's own ephemeral state (its sessions, background jobs, scratch memory,
// reasoning notes) is Low to read or change; listing file names and metadata is a non-sensitive
// read; and page-local browser input (fill, select, hover, resize, scroll) stays in the session
// until something is submitted. None of these decides the category.
import type { Evidence } from '../classifier.ts';
import { LEXICON, type TextWords } from '../text-words.ts';

/** Public information: what anyone could look up. Gated by words so benign text costs a Set lookup. */
const PUBLIC_WORD_LIST = ['public', 'web', 'internet', 'search', 'docs', 'documentation', 'npm', 'pypi', 'crates', 'maven', 'package', 'packages', 'registry', 'weather', 'forecast', 'geocode', 'geocoding', 'directions', 'map', 'maps', 'places', 'timezone', 'timezones', 'time', 'calculate', 'calculator', 'math', 'mathematical', 'arithmetic', 'convert', 'wikipedia', 'news', 'encyclopedia', 'dictionary'];
const PUBLIC_WORDS = LEXICON.idsOf(PUBLIC_WORD_LIST);
const PUBLIC_WORD_SET: ReadonlySet<string> = new Set(PUBLIC_WORD_LIST);
const PUBLIC_INFO =
  /\b(?:public (?:posts?|profiles?|data|information|repositor(?:y|ies)|registry|modules?|packages?|datasets?|records|subreddits?|content|documentation|docs)|(?:terraform|helm|docker|container|module|provider) registry|search(?:es|ing)? the (?:web|internet)|web search|internet search|search engine|(?:library|api|framework|official|up-to-date|public) (?:docs|documentation)|documentation (?:for|of|search)|search (?:the )?(?:docs|documentation)|(?:npm|pypi|crates\.io|maven|package) (?:registry|registries|index|packages?)|weather|forecast|geocod\w*|(?:driving |walking |transit )?directions (?:between|from)|places? (?:search|nearby|details)|time ?zones?|current time|convert(?:s|ing)? (?:a |the )?time|calculat(?:e|es|or|ion)s? (?:a |the )?(?:math|mathematical|arithmetic|expression)|mathematical expressions?|arithmetic|wikipedia|news (?:articles|headlines|search)|dictionary definitions?)\b/;

/** The tool's or agent's own state, not the user's data. */
const OWN_WORDS = LEXICON.idsOf(['knowledge', 'memory', 'memories', 'active', 'usage', 'allowed', 'ping', 'responsive', 'thought', 'thoughts', 'thinking', 'reasoning', 'scratchpad', 'health', 'supported']);
const OWN_STATE =
  /\b(?:(?:the |your |its )?knowledge graph|(?:agent'?s?|assistant'?s?|persistent|long-term) memory|(?:list|lists|show|shows) (?:all )?(?:the )?active (?:searches|sessions|terminal sessions|processes|jobs)|usage statistics|(?:directories|paths) (?:that )?this server is allowed|still responsive|health check|(?:lists?|gets?|shows?|returns?|retrieves?) (?:all |the |a list of |of |currently )*supported|thoughts?\b[^.]{0,40}\b(?:problem-solving|reasoning|reflect\w*)|(?:dynamic|reflective|step-by-step|sequential) (?:and reflective )?(?:thinking|reasoning|problem-solving)|scratchpad)\b/;
const OWN_NAME_TOKENS: ReadonlySet<string> = new Set(['ping', 'thinking', 'think', 'sequentialthinking', 'scratchpad', 'memory', 'memories']);
/** A setter of the tool's own defaults ("set the active workspace for future operations"), not of the user's data. */
const SETTER_TOKENS: ReadonlySet<string> = new Set(['set', 'select', 'switch', 'use', 'choose', 'mark', 'activate']);
const SESSION_SETTING_WORDS = LEXICON.idsOf(['future', 'subsequent', 'later', 'default']);
const SESSION_SETTING =
  /\b(?:for (?:all )?(?:future|subsequent|later|following) (?:\w+ )?(?:operations|calls|requests|commands|queries)|(?:so|so that) (?:subsequent|later|future) (?:\w+ )?calls|(?:as|to) the active default|session (?:working )?directory)\b/;

/** Taking something out of a list or group while the thing itself stays ("the task will still exist"). */
const DETACH_TOKENS: ReadonlySet<string> = new Set(['remove', 'unlink', 'detach', 'unassign']);
const DETACH_WORDS = LEXICON.idsOf(['still', 'not', 'remains', 'stays']);
const ITEM_STAYS =
  /\b(?:will still exist|still exists?|(?:does|do|will) not (?:actually )?(?:delete|remove) the (?:actual |underlying )?\w+|is not deleted|are not deleted|itself (?:is not|isn't) (?:deleted|removed)|(?:remains|stays) (?:intact|available))\b/;

/** Names and metadata of files, not their contents. */
const LISTING_NOUNS: ReadonlySet<string> = new Set(['directory', 'directories', 'dir', 'dirs', 'folder', 'folders', 'tree']);
const LISTING_VERBS: ReadonlySet<string> = new Set(['list', 'ls', 'tree', 'get', 'show', 'search', 'find', 'stat', 'info']);
const METADATA = /\b(?:metadata|listing|tree view|file names?|(?:files|file) and director(?:y|ies)|size|sizes|permissions|timestamps)\b/;
/** Reading what is inside files (a negated "without reading the content" does not count). */
const CONTENTS = /\b(?:read|reads|return|returns|search|searches|searching|show|shows|print|prints|with|match|matching) (?:the |their |its )?(?:file |actual )?contents?\b|\bgrep\b|\binside (?:the )?files?\b|\btext (?:in|within)\b/;

const CONSOLE_OUTPUT: ReadonlySet<string> = new Set(['logs', 'log', 'messages', 'message', 'errors', 'output']);
/** Browser input that stays in the page until something submits it. */
const PAGE_LOCAL_VERBS: ReadonlySet<string> = new Set(['fill', 'select', 'hover', 'resize', 'scroll']);

const CHECK_VERBS: ReadonlySet<string> = new Set(['test', 'check', 'verify', 'validate', 'ping']);

/** Changing an existing table's shape (ALTER TABLE, dropping a column), unlike adding a table or an index. */
const SCHEMA_WORDS = LEXICON.idsOf(['alter', 'alters', 'altering', 'drop', 'drops', 'dropping', 'modify', 'modifies', 'modifying', 'change', 'changes', 'changing']);
const SCHEMA_CHANGE =
  /\balter(?:s|ing)? (?:an? |the |existing )?(?:\w+ )?(?:tables?|columns?|schemas?)\b|\b(?:modify|modifies|modifying|change|changes|changing) (?:an? |the )?(?:existing )?(?:table|database) schemas?\b|\bdrop(?:s|ping)? (?:an? |the )?columns?\b/;
const SCHEMA_NOUNS: ReadonlySet<string> = new Set(['table', 'tables', 'column', 'columns', 'schema']);

/** A generic HTTP client: any method, headers and body to a URL the caller picks. */
const HTTP_WORDS = LEXICON.idsOf(['http', 'https']);
const HTTP_REQUEST = /\b(?:make|makes|making|perform|performs|performing|issue|issues|issuing|send|sends|sending|execute|executes|executing)(?: an?| the)?(?: arbitrary| raw| custom| authenticated| generic)? https? requests?\b/;

/** `get_server_version`, `test_connection`: the tool checks itself or its own connection. */
function selfCheck(tokens: readonly string[]): string | undefined {
  // `list_supported_languages`, `get_supported_chains`: what the tool itself can do.
  if (tokens.includes('supported') && tokens.some((t) => t === 'list' || t === 'get' || t === 'show')) return 'supported';
  if (tokens.includes('version') && (tokens.includes('server') || tokens.length <= 2)) return 'version';
  if (tokens.includes('connection') && tokens.some((t) => CHECK_VERBS.has(t))) return 'connection';
  return undefined;
}

export interface RiskContextInput {
  tokens: readonly string[];
  /** The scan of the lowercased description (capped), or of '' without one. */
  words: TextWords;
}

export function riskContext({ tokens, words }: RiskContextInput): Evidence[] {
  const lower = words.lower;
  const out: Evidence[] = [];
  if (words.hasAny(PUBLIC_WORDS) || tokens.some((t) => PUBLIC_WORD_SET.has(t))) {
    const m = PUBLIC_INFO.exec(lower) ?? PUBLIC_INFO.exec(tokens.join(' '));
    if (m !== null) out.push({ signal: 'data-public', weight: 0.8, source: m.input === lower ? 'description' : 'name', text: `it looks up public information: "${m[0]}"` });
  }
  const ownName = tokens.find((t) => OWN_NAME_TOKENS.has(t)) ?? selfCheck(tokens);
  if (ownName !== undefined) {
    out.push({ signal: 'own-state', weight: 1, source: 'name', text: `'${ownName}' concerns the tool's own session state` });
  } else if (words.hasAny(OWN_WORDS)) {
    const m = OWN_STATE.exec(lower);
    if (m !== null) out.push({ signal: 'own-state', weight: 1, source: 'description', text: `it concerns the tool's or agent's own state: "${m[0]}"` });
  }
  if (tokens.some((t) => DETACH_TOKENS.has(t)) && words.hasAny(DETACH_WORDS)) {
    const m = ITEM_STAYS.exec(lower);
    if (m !== null) out.push({ signal: 'detach-only', weight: 1, source: 'description', text: `it only takes the item out of a list or group: "${m[0]}"` });
  }
  if (tokens.some((t) => SETTER_TOKENS.has(t)) && words.hasAny(SESSION_SETTING_WORDS)) {
    const m = SESSION_SETTING.exec(lower);
    if (m !== null) out.push({ signal: 'session', weight: 1, source: 'description', text: `it sets the tool's own default for later calls: "${m[0]}"` });
  }
  if (tokens.some((t) => LISTING_NOUNS.has(t) || (t === 'files' && tokens.some((v) => v === 'search' || v === 'find'))) && tokens.some((t) => LISTING_VERBS.has(t)) && !tokens.includes('read')) {
    if (METADATA.test(lower) && !CONTENTS.test(lower)) out.push({ signal: 'metadata-only', weight: 1, source: 'name', text: 'it lists file names and metadata, not contents' });
  }
  if (tokens.includes('file') && tokens.includes('info') && METADATA.test(lower) && !CONTENTS.test(lower)) {
    out.push({ signal: 'metadata-only', weight: 1, source: 'name', text: 'it returns file metadata, not contents' });
  }
  if (tokens.some((t) => t === 'create' || t === 'make' || t === 'mkdir') && tokens.some((t) => t === 'directory' || t === 'folder' || t === 'dir' || t === 'mkdir')) {
    out.push({ signal: 'trivial', weight: 0.5, source: 'name', text: 'creating an empty directory is easily undone' });
  }
  if (tokens.includes('alter') && tokens.some((t) => SCHEMA_NOUNS.has(t))) {
    out.push({ signal: 'schema-change', weight: 1, source: 'name', text: "the name alters a table's schema" });
  } else if (words.hasAny(SCHEMA_WORDS)) {
    const m = SCHEMA_CHANGE.exec(lower);
    if (m !== null) out.push({ signal: 'schema-change', weight: 1, source: 'description', text: `it changes an existing schema: "${m[0]}"` });
  }
  if (words.hasAny(HTTP_WORDS)) {
    const m = HTTP_REQUEST.exec(lower);
    if (m !== null) out.push({ signal: 'http-request', weight: 1, source: 'description', text: `it sends HTTP requests: "${m[0]}"` });
  }
  // The page's console output belongs to the tool's own browser session.
  if (tokens.includes('console') && tokens.some((t) => CONSOLE_OUTPUT.has(t))) out.push({ signal: 'own-state', weight: 1, source: 'name', text: "the console output of the tool's own browser session" });
  const page = tokens.find((t) => PAGE_LOCAL_VERBS.has(t));
  if (page !== undefined) out.push({ signal: 'page-local', weight: 0.5, source: 'name', text: `'${page}' changes only the page in the tool's own browser session` });
  return out;
}
