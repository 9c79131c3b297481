// Turns a verb and the kinds of its objects into evidence: the category vote and the side effects.
// Shared by the name and the description signals so both read `delete` + `database` the same way.
import type { Evidence, EvidenceSource } from '../classifier.ts';
import type { NounClass } from './noun-lexicon.ts';
import type { VerbCategory, VerbEntry } from './verb-lexicon.ts';

/** Verbs that run whatever their object is: a command, a query, a workflow. */
const RUN_VERBS: ReadonlySet<string> = new Set(['run', 'evaluate', 'execute', 'exec', 'eval', 'spawn', 'invoke', 'call', 'start', 'trigger', 'dispatch', 'launch']);
const PAGE_WORDS: ReadonlySet<string> = new Set(['url', 'page', 'link', 'website', 'site', 'tab', 'browser', 'webpage', 'uri']);
/** Verbs that touch a message without anyone else seeing a new one. */
const QUIET_VERBS: ReadonlySet<string> = new Set(['draft', 'dismiss', 'mark', 'archive', 'unarchive', 'label', 'tag', 'pin', 'star', 'snooze', 'mute', 'unmute', 'modify', 'move', 'flag', 'save', 'store', 'index', 'cache', 'import', 'sync', 'copy', 'export', 'translate', 'lock', 'unlock', 'resolve', 'assign', 'transition']);
const READ_QUALIFIERS: ReadonlySet<string> = new Set(['read', 'readonly', 'select']);
const READ_RUNS: ReadonlySet<string> = new Set(['aggregation', 'report', 'search', 'analysis', 'lookup', 'scan', 'audit', 'benchmark', 'check', 'checks', 'diagnostics', 'simulation']);
/** Verbs that bring a new credential into existence. */
const ISSUE_VERBS: ReadonlySet<string> = new Set(['create', 'generate', 'issue', 'new', 'add', 'rotate', 'regenerate', 'mint', 'make', 'reset']);
/** What a push, merge or rebase overwrites: version-controlled work. */
const VCS_WORDS: ReadonlySet<string> = new Set(['git', 'github', 'gitlab', 'bitbucket', 'branch', 'branches', 'commit', 'commits', 'pr', 'prs', 'pull', 'mr', 'changes', 'main', 'master', 'remote', 'origin', 'upstream', 'repo', 'repos', 'repository', 'repositories', 'tag', 'tags', 'force', 'code', 'file', 'files', 'head', 'ref', 'refs', 'worktree', 'fork', 'diff', 'patch', 'conflict', 'conflicts', 'stack', 'migration', 'migrations', 'schema', 'database', 'db']);
/** What merging or pushing combines or sends without overwriting anything: shapes, documents, media, ids. */
const MERGED_CONTENT: ReadonlySet<string> = new Set(['polygon', 'polygons', 'geometry', 'geometries', 'shape', 'shapes', 'layer', 'layers', 'features', 'node', 'nodes', 'ids', 'frontend', 'pdf', 'pdfs', 'document', 'documents', 'cells', 'dataframe', 'dataframes', 'datasets', 'array', 'arrays', 'lists', 'json', 'objects', 'audio', 'video', 'videos', 'image', 'images', 'clips', 'notification', 'notifications', 'metrics', 'events', 'tracks', 'sheets']);
/** Local programs that `launch` starts, unlike instances or clusters. */
const LOCAL_PROGRAMS: ReadonlySet<string> = new Set(['app', 'apps', 'application', 'applications', 'simulator', 'emulator', 'browser', 'chrome', 'firefox', 'game', 'editor', 'ide', 'program', 'window', 'inspector', 'studio', 'ios', 'android', 'macos']);
const PRESENCE_CHECK_VERBS: ReadonlySet<string> = new Set(['check', 'verify', 'test', 'validate']);
const PRESENCE_WORDS: ReadonlySet<string> = new Set(['configured', 'set', 'present', 'exists', 'exist', 'available', 'missing']);
/** Verbs that change who may access something. */
const GRANT_VERBS: ReadonlySet<string> = new Set(['add', 'grant', 'set', 'update', 'invite', 'assign', 'share', 'create', 'put', 'attach', 'authorize', 'change', 'modify', 'edit', 'enable', 'promote']);
/** What approving can let in: a device, a sign-in, a join or membership request, access itself. */
const ACCESS_REQUESTS: ReadonlySet<string> = new Set(['device', 'devices', 'authorization', 'login', 'signin', 'access', 'membership', 'join']);
/** Removing oneself from a relation, not removing the thing itself. */
const RELATION_VERBS: ReadonlySet<string> = new Set(['unsubscribe', 'unfollow', 'unstar', 'unlike', 'unwatch', 'unpin', 'unreact', 'leave', 'untag', 'unlabel', 'unassign']);
/** Words that mean "many at once" next to a destructive verb. */
export const BULK_WORDS: ReadonlySet<string> = new Set(['all', 'mass', 'everything', 'every', 'entire']);
/** "… and all its (associated) data": what a removal takes along with its one object. */
const CASCADE_WORDS: ReadonlySet<string> = new Set(['its', 'associated', 'related', 'dependent', 'child', 'nested']);
const BULK_BEYOND_ALL: ReadonlySet<string> = new Set([...BULK_WORDS].filter((w) => w !== 'all'));
const MULTI_WORDS: ReadonlySet<string> = new Set(['many', 'bulk', 'batch', 'multiple']);
/** What capturing records rather than reads: a note, an entry, a decision. */
const NOTE_WORDS: ReadonlySet<string> = new Set(['note', 'notes', 'entry', 'entries', 'journal', 'memory', 'memories', 'thought', 'thoughts', 'idea', 'ideas', 'decision', 'decisions', 'task', 'tasks', 'todo', 'todos', 'lead', 'leads', 'feedback', 'learning', 'learnings', 'insight', 'insights']);
const ARCHIVES: ReadonlySet<string> = new Set(['archive', 'archives', 'zip', 'tarball', 'tar', 'tgz', 'rar', '7z', 'gz']);
/** What recording captures rather than writes: a screen, a video, audio. */
const SCREEN_MEDIA: ReadonlySet<string> = new Set(['video', 'videos', 'screen', 'screencast', 'audio', 'microphone', 'mic', 'gif']);
/** What `build` assembles when it only returns text: a filter string, a command, a URL. */
const BUILT_TEXT: ReadonlySet<string> = new Set(['string', 'strings', 'expression', 'expressions', 'regex', 'regexp', 'snippet', 'snippets', 'command', 'commands', 'prompt', 'prompts', 'url', 'urls', 'uri', 'query', 'queries', 'filter', 'filters', 'payload', 'cron', 'jql', 'cql', 'kql', 'sql']);
const COMMAND_TEXT: ReadonlySet<string> = new Set(['command', 'commands', 'cli']);
/** Creating verbs whose object is plainly text to return ("make a regex", "create a connection string"). */
const MAKE_VERBS: ReadonlySet<string> = new Set(['make', 'create']);
const LITERAL_TEXT: ReadonlySet<string> = new Set(['string', 'strings', 'expression', 'expressions', 'regex', 'regexp', 'snippet', 'snippets']);
/** What a session works against: choosing one changes where later calls go, nothing else. */
const CONTEXT_NOUNS: ReadonlySet<string> = new Set(['project', 'workspace', 'account', 'context', 'profile', 'region', 'org', 'organization', 'tenant', 'environment', 'subscription', 'namespace', 'model']);
/** Opening these on a shared project notifies its members: a write others see. */
const WORK_ITEMS: ReadonlySet<string> = new Set(['issue', 'ticket', 'pull', 'pr', 'mr', 'merge', 'story', 'comment', 'review', 'discussion']);
/** Small attachments to a work item: adding one notifies no one of anything new. */
const WORK_ITEM_PARTS: ReadonlySet<string> = new Set(['draft', 'link', 'links', 'label', 'labels', 'reaction', 'emoji', 'relation', 'tag', 'tags']);
const OPEN_VERBS: ReadonlySet<string> = new Set(['create', 'open', 'add', 'submit', 'post', 'file', 'raise', 'new', 'reply', 'write']);
/** What `apply` rolls out when it changes infrastructure. */
const APPLY_TARGETS: ReadonlySet<string> = new Set(['terraform', 'plan', 'manifest', 'manifests', 'migration', 'migrations', 'changeset', 'stack', 'deployment', 'configuration', 'config', 'update', 'updates', 'patch', 'patches', 'yaml', 'helm', 'chart']);
/** Handing text to a language model for an answer. */
const PROMPT_VERBS: ReadonlySet<string> = new Set(['send', 'submit', 'pass', 'forward']);
const MODEL_RECIPIENTS: ReadonlySet<string> = new Set(['llm', 'llms', 'gemini', 'gpt', 'chatgpt', 'claude', 'openai', 'ollama', 'deepseek', 'grok', 'mistral', 'perplexity', 'codex']);
/** A pipeline or workflow run on CI or shared infrastructure, which commonly deploys. */
const PIPELINE_WORDS: ReadonlySet<string> = new Set(['pipeline', 'pipelines', 'workflow', 'workflows', 'deploy', 'deployment', 'build']);

/** The data-class signals, as constant strings rather than built per call. */
export const DATA_SIGNAL = { private: 'data-private', public: 'data-public', untrusted: 'data-untrusted', compute: 'data-compute' } as const;

export interface VerbUse {
  verb: string;
  entry: VerbEntry;
  nouns: ReadonlySet<NounClass>;
  /** The classes of the verb's direct object alone (`label` in "remove a label from an issue"). */
  head?: ReadonlySet<NounClass>;
  /** Other words near the verb, for bulk and mode words. */
  words: ReadonlySet<string>;
  source: EvidenceSource;
  /** Where the verb came from, quoted in the evidence text. */
  quote: string;
  weight: number;
}

export function verbObjectEvidence(use: VerbUse): Evidence[] {
  const { verb, entry, nouns, words, source, quote, weight } = use;
  const out: Evidence[] = [];
  let cat: VerbCategory = entry.cat;
  const effects = new Set(entry.effects ?? []);
  // `payment_link`, `payment_method`: the head noun is not money itself.
  const moneyHead = !(words.has('link') || words.has('links') || words.has('method') || words.has('methods') || words.has('settings') || words.has('page'));

  // Object-dependent verbs: the same verb reads, writes or deletes depending on what it acts on.
  // Closing a page closes a browser tab (a Notion page is archived or deleted, not closed).
  if (verb === 'close' && (nouns.has('session') || words.has('page') || words.has('pages'))) cat = 'delete';
  if ((verb === 'stop' || verb === 'disconnect') && nouns.has('session')) cat = 'delete';
  if (verb === 'open' && !nouns.has('session') && !hasAny(words, PAGE_WORDS)) effects.delete('navigate');
  if (verb === 'forward' && words.has('port')) {
    effects.delete('public-sink');
    effects.add('infra');
  }
  if (verb === 'open') {
    if (nouns.has('message') || words.has('pull') || words.has('pr') || words.has('issue') || words.has('ticket')) {
      cat = 'write';
      effects.delete('navigate');
    } else if (nouns.has('file') || nouns.has('private')) effects.delete('navigate');
  }
  if ((verb === 'generate' || verb === 'issue' || verb === 'mint') && nouns.has('credential')) cat = 'write';
  // "Capture a journal entry": capturing a note records it; capturing a screenshot or a page reads.
  if (verb === 'capture' && hasAny(words, NOTE_WORDS)) cat = 'write';
  // "Build a query filter string", "make a regex": text to use elsewhere, computed and returned.
  if (((verb === 'build' && hasAny(words, BUILT_TEXT)) || (MAKE_VERBS.has(verb) && hasAny(words, LITERAL_TEXT))) && !nouns.has('credential')) {
    cat = 'read';
    effects.add('compute');
  }
  // "Generates the install command for …": text for the user to run, whatever the tool's name says it does.
  const commandText = verb === 'generate' && source === 'description' && hasAny(words, COMMAND_TEXT) && !words.has('run') && !words.has('execute') && !words.has('executes');
  if (commandText) {
    cat = 'read';
    effects.add('compute');
  }
  if (verb === 'resolve' && (nouns.has('message') || nouns.has('private'))) cat = 'write';
  // Extracting an archive unpacks files onto disk; extracting text or data reads it.
  if (verb === 'extract' && hasAny(words, ARCHIVES)) cat = 'write';
  // "Record a video of the screen" captures what is shown, as a screenshot does; "record a payment" writes.
  if (verb === 'record' && hasAny(words, SCREEN_MEDIA)) cat = 'read';
  if (verb === 'drop' && !nouns.has('bulk-target') && !nouns.has('shared')) cat = 'delete';
  if (verb === 'review' && (words.has('pull') || words.has('pr'))) cat = 'write';
  if ((verb === 'add' || verb === 'sum') && nouns.has('compute') && !nouns.has('private')) {
    cat = 'read';
    effects.add('compute');
  }
  // A push, merge or rebase overwrites version-controlled work; merging polygons or pushing ids to a frontend does not.
  if ((verb === 'merge' || verb === 'push') && !hasAny(words, VCS_WORDS) && hasAny(words, MERGED_CONTENT)) effects.delete('overwrite');
  // Launching an app on a simulator or a local browser starts a process; launching instances changes infrastructure.
  if (verb === 'launch' && hasAny(words, LOCAL_PROGRAMS) && !nouns.has('infra')) effects.delete('infra');
  // `terraform apply`, "apply the migration" change infrastructure; "apply edits to a file" or "apply a coupon" do not.
  if (verb === 'apply' && !nouns.has('infra') && !nouns.has('shared') && !hasAny(words, APPLY_TARGETS)) effects.delete('infra');
  // "Send a prompt to a local LLM": a model answers; no person sees anything and nothing changes.
  if (PROMPT_VERBS.has(verb) && hasAny(words, MODEL_RECIPIENTS) && words.has('to')) {
    cat = 'read';
    effects.delete('public-sink');
    effects.add('compute');
  }
  // `select_project`, `choose_workspace`: picking what later calls act on is a session setting.
  if ((verb === 'select' || verb === 'choose' || verb === 'pick') && source === 'name' && hasAny(words, CONTEXT_NOUNS)) {
    cat = 'write';
    effects.add('session');
  }
  if (verb === 'select' && !nouns.has('session')) effects.delete('interact');
  if (verb === 'select' && nouns.has('session')) cat = 'write';
  if (verb === 'open' && (words.has('app') || words.has('application') || words.has('program'))) {
    cat = 'write';
    effects.delete('navigate');
  }
  // "Run an aggregation", "run a report": running a read is a read.
  if (RUN_VERBS.has(verb) && !nouns.has('exec') && !nouns.has('job') && hasAny(words, READ_RUNS)) cat = 'read';
  // `execute_read_query`, `run_readonly_query`: a query the name itself restricts to reading.
  const readQuery = source === 'name' && RUN_VERBS.has(verb) && (words.has('query') || words.has('sql')) && hasAny(words, READ_QUALIFIERS);
  if (readQuery) cat = 'read';

  add(out, source, quote, cat, weight, `verb '${verb}' suggests ${cat === 'read' ? 'a read' : cat === 'write' ? 'a write' : 'a deletion'}`);

  if (cat === 'read') {
    // The process environment is where servers keep their API keys.
    if ((words.has('env') || words.has('environment')) && (words.has('variables') || words.has('variable') || words.has('vars') || words.has('env'))) {
      add(out, source, quote, 'credential-read', weight * 0.6, 'reads environment variables, where secrets live');
    }
    if (effects.has('compute')) add(out, source, quote, 'compute', weight * 0.5, `'${verb}' computes over its input`);
    if (effects.has('navigate')) add(out, source, quote, 'navigate', weight * 0.6, `'${verb}' navigates a browser`);
    // "Check if the API token is configured" reports that a secret is there, not the secret.
    const presenceCheck = PRESENCE_CHECK_VERBS.has(verb) && hasAny(words, PRESENCE_WORDS);
    if (nouns.has('credential') && !nouns.has('public') && !nouns.has('financial') && !presenceCheck) add(out, source, quote, 'credential-read', weight * 0.6, 'reads credentials or secrets');
  }
  if (commandText) add(out, source, quote, 'read-only-claim', weight * 0.4, 'it returns a command for the user to run rather than running it');
  if (effects.has('dry-run') && cat === 'read') add(out, source, quote, 'dry-run-verb', weight * 0.3, `'${verb}' checks rather than changes`);
  if (effects.has('session')) add(out, source, quote, 'session', weight * 0.4, `'${verb}' affects only the tool's own session`);
  if (effects.has('interact')) add(out, source, quote, 'interact', weight * 0.6, `'${verb}' acts in a browser page`);
  if (effects.has('restore')) add(out, source, quote, 'restore', weight * 0.5, `'${verb}' undoes a removal`);

  if (RUN_VERBS.has(verb) || verb === 'eval') {
    if (nouns.has('exec')) {
      const isQuery = words.has('sql') || words.has('query') || words.has('statement');
      if (readQuery) add(out, source, quote, 'read-only-query', weight * 0.6, 'runs a query restricted to reading');
      else add(out, source, quote, isQuery ? 'exec-query' : 'exec', weight, isQuery ? 'runs a database query' : 'runs code or commands');
      if (!isQuery && cat === 'read') cat = 'write';
    } else if (nouns.has('job')) {
      add(out, source, quote, 'job-trigger', weight * 0.6, 'triggers a job or workflow');
      if (hasAny(words, PIPELINE_WORDS)) add(out, source, quote, 'pipeline-trigger', weight * 0.6, 'runs a pipeline or workflow, which can deploy');
    }
    else if (verb === 'eval' || ((verb === 'execute' || verb === 'exec') && nouns.size === 0)) add(out, source, quote, 'exec', weight * 0.5, `'${verb}' with no object may run code`);
  }

  if (cat === 'write') {
    if (effects.has('money') || (nouns.has('money') && moneyHead)) add(out, source, quote, 'money', weight, 'moves money');
    if (nouns.has('credential') && ISSUE_VERBS.has(verb)) add(out, source, quote, 'credential', weight, 'issues a credential');
    if ((nouns.has('access') && GRANT_VERBS.has(verb)) || effects.has('access-grant')) {
      add(out, source, quote, 'access-grant', nouns.has('access') ? weight : weight * 0.5, 'changes who has access');
    } else if (verb === 'approve' && hasAny(words, ACCESS_REQUESTS)) {
      // Approving a device, sign-in, join or access request lets someone in.
      add(out, source, quote, 'access-grant', weight, 'approves a request for access');
    }
    const smallObject = nouns.has('small') || nouns.has('trivial');
    if (effects.has('public-sink') || (nouns.has('message') && !smallObject && !QUIET_VERBS.has(verb) && !words.has('draft'))) {
      if (verb !== 'draft' && !words.has('draft')) add(out, source, quote, 'public-sink', weight * 0.8, 'others see the result');
    }
    if (OPEN_VERBS.has(verb) && hasAny(words, WORK_ITEMS) && !hasAny(words, WORK_ITEM_PARTS)) add(out, source, quote, 'public-sink', weight * 0.6, 'opens an item other members are notified of');
    if (effects.has('overwrite') || (source === 'name' && (verb === 'update' || verb === 'upsert' || verb === 'put' || verb === 'replace') && nouns.has('file'))) {
      add(out, source, quote, 'overwrite', weight * 0.7, `'${verb}' overwrites existing content`);
    }
    if (effects.has('infra') || nouns.has('infra')) add(out, source, quote, 'infra', weight * 0.7, 'changes shared infrastructure');
    if (nouns.has('trivial')) add(out, source, quote, 'trivial', weight * 0.5, "changes the user's own trivia");
    if (nouns.has('small')) add(out, source, quote, 'small-item', weight * 0.4, 'acts on a small item');
    if (nouns.has('file')) add(out, source, quote, 'local-file', weight * 0.4, 'writes a file');
    if (verb === 'draft' || words.has('draft')) add(out, source, quote, 'draft', weight * 0.5, 'prepares a draft without sending it');
  }

  if (cat === 'delete' && (effects.has('session') || use.head?.has('session') === true)) {
    // Logging out, disconnecting or closing "the database connection" ends the tool's connection; the database stays.
    if (!effects.has('session')) add(out, source, quote, 'session', weight * 0.6, "ends the tool's own session");
  } else if (cat === 'delete' && RELATION_VERBS.has(verb)) {
    add(out, source, quote, 'small-item', weight * 0.6, `'${verb}' removes a follow, star or subscription`);
  } else if (cat === 'delete') {
    // "Delete an entity and all its relations" removes one thing with what hangs on it, not everything matching.
    const cascade = words.has('all') && hasAny(words, CASCADE_WORDS);
    if (nouns.has('bulk-target') || effects.has('bulk') || hasAny(words, cascade ? BULK_BEYOND_ALL : BULK_WORDS)) add(out, source, quote, 'bulk', weight * 0.8, 'removes a whole collection or everything matching');
    else if (hasAny(words, MULTI_WORDS)) add(out, source, quote, 'multi-target', weight * 0.5, 'removes several items at once');
    if (nouns.has('shared') || nouns.has('infra') || nouns.has('message')) add(out, source, quote, 'shared-resource', weight * 0.6, 'removes a shared resource');
    if (nouns.has('file')) add(out, source, quote, 'local-file', weight * 0.5, 'removes a file');
    const head = use.head ?? nouns;
    if (head.has('small') || head.has('trivial')) add(out, source, quote, 'small-item', weight * 0.6, 'removes a small item');
    if (nouns.has('session')) add(out, source, quote, 'session', weight * 0.6, "ends the tool's own session");
    else if (words.has('process') || words.has('processes') || words.has('pid')) add(out, source, quote, 'host-process', weight * 0.6, 'terminates a process on the host');
    if (nouns.has('credential') || nouns.has('access')) add(out, source, quote, 'revoke', weight * 0.5, 'revokes access or credentials');
    if (nouns.has('financial') || nouns.has('money')) add(out, source, quote, 'financial-removal', weight * 0.5, 'cancels or removes a financial record');
  }

  for (const cls of ['private', 'public', 'untrusted', 'compute'] as const) {
    if (nouns.has(cls)) add(out, source, quote, DATA_SIGNAL[cls], weight * 0.3, `acts on ${cls} data`);
  }
  if (nouns.has('financial') || nouns.has('money')) add(out, source, quote, 'financial', weight * 0.3, 'financial records');
  return out;
}

export function hasAny(set: ReadonlySet<string>, words: ReadonlySet<string>): boolean {
  for (const w of words) if (set.has(w)) return true;
  return false;
}

function add(out: Evidence[], source: EvidenceSource, quote: string, signal: string, weight: number, text: string): void {
  out.push({ signal, weight, source, text: `${text} (${quote})` });
}
