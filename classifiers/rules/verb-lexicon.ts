// The verb and noun lexicon shared by the name and description signals. Data only: which verbs read,
// write or delete, what side effect a verb implies, and what kind of thing a noun names.

export type VerbCategory = 'read' | 'write' | 'delete';

/** A side effect a verb or noun implies, beyond its category. */
export type Effect =
  | 'public-sink' // others see the result or data leaves (send, post, publish)
  | 'money' // moves money
  | 'exec' // runs code or commands
  | 'infra' // changes shared or production infrastructure
  | 'overwrite' // replaces existing content wholesale
  | 'access-grant' // grants access to someone
  | 'credential' // issues credentials
  | 'navigate' // browser navigation, ambiguous by the labels
  | 'interact' // browser input in a page session
  | 'dry-run' // a preview or validation of a change: a Read
  | 'compute' // pure computation over the input
  | 'restore' // undoes a deletion: Write
  | 'session' // affects only the tool's own session
  | 'bulk'; // many things at once

export interface VerbEntry {
  cat: VerbCategory;
  /** Also a common noun (post, comment, order): weaker when it leads a name. */
  weak?: boolean;
  effects?: readonly Effect[];
}

const R: VerbEntry = { cat: 'read' };
const RW: VerbEntry = { cat: 'read', weak: true };
const W: VerbEntry = { cat: 'write' };
const WW: VerbEntry = { cat: 'write', weak: true };
const D: VerbEntry = { cat: 'delete' };
const DW: VerbEntry = { cat: 'delete', weak: true };
const w = (...effects: Effect[]): VerbEntry => ({ cat: 'write', effects });
const ww = (...effects: Effect[]): VerbEntry => ({ cat: 'write', weak: true, effects });
const r = (...effects: Effect[]): VerbEntry => ({ cat: 'read', effects });
const rw = (...effects: Effect[]): VerbEntry => ({ cat: 'read', weak: true, effects });
const d = (...effects: Effect[]): VerbEntry => ({ cat: 'delete', effects });

const ENTRIES: Record<string, VerbEntry> = {
  // read
  get: R, list: R, ls: R, search: R, find: R, fetch: R, read: R, query: RW, describe: R, show: R, view: R,
  inspect: R, check: R, count: R, analyze: R, analyse: R, validate: r('dry-run'), verify: R, preview: r('dry-run'),
  render: r('compute'), convert: r('compute'), calculate: r('compute'), calc: r('compute'), compute: r('compute'),
  lookup: R, look: R, retrieve: R, browse: R, explore: R, scan: R, lint: r('dry-run'), diff: R, compare: R,
  summarize: r('compute'), summarise: r('compute'), explain: R, estimate: r('dry-run'), parse: r('compute'),
  extract: R, format: r('compute'), translate: r('compute'), detect: R, classify: r('compute'), recognize: R,
  resolve: RW, geocode: R, measure: R, monitor: R, poll: R, download: R, export: R, echo: r('compute'), ping: R,
  status: RW, whoami: R, tail: R, cat: R, grep: R, stat: R, exists: R, peek: R, sample: R, suggest: R,
  recommend: R, predict: r('compute'), forecast: R, plot: rw('compute'), chart: rw('compute'), visualize: r('compute'),
  visualise: r('compute'), screenshot: R, snapshot: RW, capture: R, observe: R, wait: r('session'), sleep: r('session'),
  think: r('compute'), reason: r('compute'), ask: R, answer: R, embed: r('compute'), tokenize: r('compute'),
  hash: r('compute'), encode: r('compute'), decode: r('compute'), decrypt: r('compute'), encrypt: r('compute'),
  simulate: r('dry-run'), dryrun: r('dry-run'), test: RW, audit: R, review: RW, watch: RW, scrape: R, crawl: R,
  research: R, discover: R, identify: R, match: R, filter: R, sort: R, rank: R, rerank: R, score: R, evaluate: RW,
  generate: r('compute'), sum: r('compute'), multiply: r('compute'), subtract: r('compute'), divide: r('compute'),
  transcribe: r('compute'), solve: r('compute'), info: RW, details: RW, stats: RW, hover: r('navigate'),
  assert: R, dump: R, transform: r('compute'), simplify: r('compute'), correlate: R,
  scroll: r('session'), navigate: r('navigate'), goto: r('navigate'), visit: r('navigate'), open: { cat: 'read', weak: true, effects: ['navigate'] },
  locate: R, trace: R, debug: R, profile: RW, benchmark: R, diagnose: R, health: RW, healthcheck: R, can: R, is: R, has: R,
  need: R, paginate: R, autocomplete: R, complete: WW, chat: RW, consult: R, recall: R,
  return: R, provide: R, give: RW, obtain: R, load: RW, access: RW, display: R, print: R, output: RW,
  produce: r('compute'), enumerate: R, summary: RW, overview: RW, usage: RW,
  // write
  aggregate: R, finalize: W, void: D,
  manage: W, rerun: W, retry: W, regenerate: W, reopen: W, repost: w('public-sink'), redo: W, undo: W,
  create: W, unresolve: W, unhide: W, add: W, insert: W, new: W, make: W, build: W, update: W, upd: W, set: W, edit: W, modify: W,
  change: W, patch: W, put: W, upsert: W, save: W, store: W, write: W, append: W, prepend: W,
  replace: W, overwrite: w('overwrite'), rename: W, move: W, mv: W, copy: W, cp: W, duplicate: W,
  clone: W, fork: W, import: W, upload: w('public-sink'), push: w('overwrite'), commit: W, merge: w('overwrite'),
  rebase: w('overwrite'), release: w('public-sink'), publish: w('public-sink'), post: ww('public-sink'),
  send: w('public-sink'), reply: w('public-sink'), respond: w('public-sink'), forward: w('public-sink'),
  share: w('public-sink', 'access-grant'), notify: w('public-sink'), message: ww('public-sink'), email: ww('public-sink'),
  mail: ww('public-sink'), tweet: w('public-sink'), retweet: w('public-sink'), comment: ww('public-sink'),
  broadcast: w('public-sink'), announce: w('public-sink'), dm: w('public-sink'), sms: ww('public-sink'),
  react: W, like: WW, star: WW, favorite: WW, favourite: WW, bookmark: WW, follow: W, subscribe: W, join: W,
  invite: w('public-sink', 'access-grant'), assign: W, approve: W, reject: W, accept: W, decline: W, confirm: W,
  submit: W, request: WW, apply: w('infra'), deploy: w('infra'), redeploy: w('infra'), provision: w('infra'),
  launch: w('infra'), start: W, stop: W, restart: w('infra'), reboot: w('infra'), resume: W, pause: W, suspend: W,
  scale: w('infra'), resize: W, enable: W, disable: W, toggle: W, activate: W, deactivate: W, lock: W, unlock: W,
  block: W, unblock: W, mute: W, unmute: W, pin: WW, mark: W, label: WW, tag: WW, schedule: WW, book: WW,
  reserve: W, order: ww('money'), buy: w('money'), purchase: w('money'), pay: w('money'), charge: ww('money'),
  refund: w('money'), transfer: w('money'), deposit: w('money'), swap: w('money'), trade: w('money'), mint: w('money'),
  stake: w('money'), unstake: w('money'), bridge: w('money'), sell: w('money'), tip: ww('money'), donate: w('money'),
  payout: w('money'), run: W, execute: W, exec: W, eval: w('exec'), invoke: W,
  call: W, trigger: W, dispatch: W, fire: W, emit: W, spawn: W, click: w('interact'),
  type: ww('interact'), fill: w('interact'), press: w('interact'), select: rw('interact'), drag: w('interact'),
  install: W, configure: W, config: WW, setup: W, init: W, initialize: W, register: W, scaffold: W, bootstrap: W, switch: W,
  connect: w('session'), reconnect: w('session'), link: W, attach: W, sync: W, transcode: W, compress: W, annotate: W, draft: W,
  upvote: W, downvote: W, vote: W, rate: WW, authorize: w('access-grant'), grant: w('access-grant'),
  rotate: w('credential'), reset: W, restore: w('restore'), undelete: w('restore'), recover: w('restore'),
  unarchive: w('restore'), untrash: w('restore'), rollback: w('infra'), revert: W, migrate: w('infra'),
  seed: W, train: W, index: WW, reindex: W, cache: WW, remember: W, memorize: W, learn: W, record: WW, log: ww(),
  track: WW, increment: W, decrement: W, reorder: W, transition: W, promote: w('infra'),
  archive: W, fix: W, login: w('session'), signin: w('session'), authenticate: w('session'),
  close: W, handoff: W, escalate: W, snooze: W,
  checkout: W, stash: W, tap: w('interact'), swipe: w('interact'), hold: W, refresh: WW, reload: WW, focus: w('session'),
  maximize: w('session'), minimize: w('session'), emulate: w('session'),
  // A debugger's step runs the paused program's next statement; aligning or distributing moves elements.
  step: ww('session'), align: W, distribute: WW,
  rewrite: W, refactor: W, remediate: W, repair: W, recreate: w('overwrite'), ungroup: W, arrange: W,
  claim: WW, enroll: W, ingest: W, redeliver: W, deny: W, ban: W, unban: W,
  // delete
  delete: D, del: D, remove: D, rm: D, rmdir: D, destroy: D, drop: DW, purge: d('bulk'), erase: D, wipe: d('bulk'),
  clear: D, truncate: d('bulk'), revoke: D, cancel: D, uninstall: D, unsubscribe: D, unfollow: D, unstar: D,
  unlike: D, unpin: D, unassign: D, unlink: D, unpublish: D, unregister: D, deregister: D, unwatch: D, unshare: D,
  unreact: D, unapprove: D, unset: D, untag: D, unlabel: D, terminate: D, kill: D, discard: D, expire: D, evict: D, prune: D,
  clean: D, cleanup: D, flush: D, abort: D, trash: D, retract: D, withdraw: w('money'), detach: D, disconnect: d('session'),
  logout: d('session'), signout: d('session'), leave: D, dismiss: W, deprovision: D, decommission: D, unmount: D,
  shutdown: D, teardown: D, nuke: d('bulk'), obliterate: D, delist: D, kick: D,
};

export const VERBS: ReadonlyMap<string, VerbEntry> = new Map(Object.entries(ENTRIES));

/** Verb tokens that, leading a name, only qualify the real action (`delete_preview` reads). */
export const DRY_RUN_TOKENS: ReadonlySet<string> = new Set([
  'preview', 'dryrun', 'simulate', 'simulation', 'validate', 'validation', 'estimate', 'lint', 'plan', 'diff', 'check',
  'can', 'is', 'has', 'test', 'verify', 'explain', 'whatif', 'impact',
]);

/** Verbs in a description's third person or gerund form map back to the lexicon's base form. */
const GO_DIRECTIONS: ReadonlySet<string> = new Set(['forward', 'back', 'backward', 'backwards']);

/** "go forward", "go back": browser history, not forwarding a message. The verb a two-word phrase stands for, if any. */
export function phrasalVerb(word: string, next: string | undefined): string | undefined {
  return word === 'go' && next !== undefined && GO_DIRECTIONS.has(next) ? 'navigate' : undefined;
}

/** Whether a word is the direction of a "go forward" phrase, not a verb of its own. */
export function isPhrasalParticle(previous: string | undefined, word: string): boolean {
  return previous === 'go' && GO_DIRECTIONS.has(word);
}

export function verbStem(word: string): string | undefined {
  if (VERBS.has(word)) return word;
  // Candidate stems in a fixed order, the first known one wins; no array of candidates per word.
  if (word.endsWith('ies') && isVerb(word.slice(0, -3) + 'y')) return word.slice(0, -3) + 'y';
  if (word.endsWith('es') && isVerb(word.slice(0, -2))) return word.slice(0, -2);
  if (word.endsWith('s') && isVerb(word.slice(0, -1))) return word.slice(0, -1);
  if (word.endsWith('ing')) {
    if (isVerb(word.slice(0, -3))) return word.slice(0, -3);
    if (isVerb(word.slice(0, -3) + 'e')) return word.slice(0, -3) + 'e';
  }
  if (word.endsWith('ed')) {
    if (isVerb(word.slice(0, -2))) return word.slice(0, -2);
    if (isVerb(word.slice(0, -1))) return word.slice(0, -1);
  }
  return undefined;
}

function isVerb(candidate: string): boolean {
  return candidate.length >= 2 && VERBS.has(candidate);
}
