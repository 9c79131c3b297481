// What kind of thing a noun in a tool name or description names. The verb says what happens; the
// noun says to what, and the risk rules need both (`delete_label` is not `delete_database`).

export type NounClass =
  | 'money' // moving it moves money
  | 'financial' // financial records (invoices, prices, customers of a payment system)
  | 'credential' // keys, tokens, passwords
  | 'access' // permissions, roles, memberships
  | 'message' // writing one is seen by others
  | 'infra' // production or shared infrastructure
  | 'shared' // a resource others rely on (repository, database, channel)
  | 'bulk-target' // a whole container of data (database, table, bucket)
  | 'file' // a local file or directory
  | 'small' // a small, low-value item (label, reaction, note)
  | 'trivial' // the user's own trivia (favourite, reminder)
  | 'session' // the tool's own browser or process session
  | 'exec' // code, commands, queries to run
  | 'job' // a workflow, pipeline or job to trigger
  | 'public' // public, non-sensitive data
  | 'private' // private data
  | 'untrusted' // content written by strangers
  | 'compute'; // plain values to compute over

const TABLE: Record<string, readonly NounClass[]> = {
  payment: ['money', 'private'], payments: ['money', 'private'], refund: ['money'], refunds: ['money'],
  transfer: ['money'], transfers: ['money'], payout: ['money'], payouts: ['money'], charge: ['money'],
  charges: ['money'], funds: ['money'], money: ['money'], withdrawal: ['money'], transaction: ['money', 'private'],
  transactions: ['private', 'financial'], invoice: ['financial', 'private'], invoices: ['financial', 'private'],
  price: ['financial'], prices: ['financial', 'public'], subscription: ['financial', 'private'],
  subscriptions: ['financial', 'private'], balance: ['financial', 'private'], billing: ['financial', 'private'],
  coupon: ['financial'], wallet: ['financial', 'private'], card: ['private'], cards: ['private'], bank: ['financial', 'private'],
  dispute: ['financial', 'private'], customer: ['private'], customers: ['private'],
  apikey: ['credential'], token: ['credential'], tokens: ['credential'],
  secret: ['credential'], secrets: ['credential'], credential: ['credential'], credentials: ['credential'],
  password: ['credential'], passwords: ['credential'], certificate: ['credential'], cert: ['credential'],
  accesskey: ['credential'], pat: ['credential'], sshkey: ['credential'],
  permission: ['access'], permissions: ['access'], role: ['access'], roles: ['access'], policy: ['access'],
  iam: ['access'], acl: ['access'], collaborator: ['access'], collaborators: ['access'], member: ['access'],
  members: ['access'], membership: ['access'], access: ['access'], grant: ['access'], admin: ['access'],
  owner: ['access'], invitation: ['access'], sharing: ['access'],
  message: ['message', 'private', 'untrusted'], messages: ['message', 'private', 'untrusted'], msg: ['message'],
  email: ['message', 'private', 'untrusted'], emails: ['message', 'private', 'untrusted'], mail: ['message', 'private', 'untrusted'],
  comment: ['message', 'untrusted'], comments: ['message', 'untrusted', 'private'], reply: ['message'],
  post: ['message', 'untrusted'], posts: ['message', 'untrusted'], tweet: ['message', 'untrusted'],
  tweets: ['untrusted', 'public'], notification: ['message'], sms: ['message'], dm: ['message', 'private'],
  announcement: ['message'], broadcast: ['message'], newsletter: ['message'], campaign: ['message'],
  story: ['message'], status: [], review: ['message'], reviews: ['untrusted'], thread: ['private', 'untrusted'],
  chat: ['private', 'message', 'untrusted'], inbox: ['private', 'untrusted'], conversation: ['private', 'untrusted'],
  deployment: ['infra', 'private'], deployments: ['infra', 'private'], cluster: ['infra', 'shared'], clusters: ['infra', 'shared'],
  instance: ['infra', 'shared'], instances: ['infra', 'shared'], dns: ['infra'], zone: ['infra'], firewall: ['infra'],
  network: ['infra'], vpc: ['infra'], subnet: ['infra'], pod: ['infra'], pods: ['infra'], node: ['infra'], nodes: ['infra'],
  droplet: ['infra', 'shared'], vm: ['infra', 'shared'], server: ['shared'], service: ['shared'],
  lambda: ['infra'], stack: ['infra', 'shared'], environment: ['infra'], flag: ['infra'], flags: ['infra'],
  production: ['infra'], prod: ['infra'], ingress: ['infra'], secretsmanager: ['credential'], domain: ['infra', 'shared'],
  database: ['shared', 'bulk-target', 'private'], databases: ['shared', 'bulk-target', 'private'],
  db: ['shared', 'bulk-target', 'private'], table: ['shared', 'bulk-target', 'private'], tables: ['shared', 'private'],
  collection: ['shared', 'bulk-target', 'private'], schema: ['shared'], bucket: ['shared', 'bulk-target', 'private'],
  repository: ['shared', 'private'], repositories: ['shared', 'private'], repo: ['shared', 'private'],
  repos: ['shared', 'private'], project: ['shared', 'private'], projects: ['shared', 'private'],
  organization: ['shared', 'private'], org: ['shared', 'private'], namespace: ['shared', 'infra'],
  branch: ['shared', 'private'], workspace: ['shared', 'private'], team: ['shared', 'private'],
  channel: ['shared', 'private', 'untrusted'], channels: ['shared', 'private'], site: ['shared'], app: ['shared'],
  application: ['shared'], topic: ['shared'], queue: ['shared'], index: ['shared', 'bulk-target'], space: ['shared', 'private'],
  webhook: ['shared'], webhooks: ['shared'], account: ['shared', 'private'], accounts: ['private'], user: ['shared', 'private'],
  users: ['private'], group: ['shared', 'private'], volume: ['shared', 'infra'], release: ['shared', 'message'], issue: ['private', 'untrusted', 'shared'],
  issues: ['private', 'untrusted'], pull: ['private', 'untrusted'], pr: ['private', 'untrusted'], commit: ['private'],
  commits: ['private'], ticket: ['private', 'untrusted', 'shared'], tickets: ['private', 'untrusted'], document: ['private'],
  documents: ['private'], doc: ['private'], page: ['untrusted'], pages: ['untrusted'],
  record: ['private'], records: ['private'], row: ['private'], rows: ['private'], contact: ['private'],
  contacts: ['private'], calendar: ['private'], calendars: ['private'], event: ['private'], events: ['private'], meeting: ['private'],
  meetings: ['private'], profile: ['private'], log: ['private'], logs: ['private'], history: ['private'],
  drive: ['private'], trash: ['private'], photo: ['private'], photos: ['private'], lead: ['private'], deal: ['private'],
  task: ['small'], tasks: ['small'], order: ['private', 'financial'], orders: ['private', 'financial'],
  file: ['file', 'private'], files: ['file', 'private'], directory: ['file', 'private'], dir: ['file'],
  folder: ['file', 'private'], path: ['file'], dirs: ['file'], directories: ['file'], attachment: ['private'],
  label: ['small'], labels: ['small'], tag: ['small'], tags: ['small'], reaction: ['small'], reactions: ['small'],
  star: ['trivial'], favorite: ['trivial'], favourite: ['trivial'], favorites: ['trivial'], bookmark: ['trivial'],
  bookmarks: ['trivial'], reminder: ['trivial'], reminders: ['trivial'], alarm: ['trivial'], note: ['small', 'private'],
  notes: ['small', 'private'], todo: ['small'], todos: ['small'], memory: ['small'], memories: ['small'],
  entity: ['small'], entities: ['small'], observation: ['small'], observations: ['small'], relation: ['small'],
  relations: ['small'], draft: ['small'], highlight: ['small'], annotation: ['small'], sticker: ['small'],
  emoji: ['small'], item: ['small'], items: ['small'], scratch: ['trivial'], preference: ['trivial'],
  tab: ['session'], puppeteer: ['session'], playwright: ['session'], selenium: ['session'], tabs: ['session'], browser: ['session'], window: ['session'], session: ['session'],
  process: ['exec'], processes: ['exec'], connection: ['session'], context: ['session'], dialog: ['session'], popup: ['session'],
  command: ['exec'], commands: ['exec'], cmd: ['exec'], shell: ['exec'], bash: ['exec'], sh: ['exec'],
  powershell: ['exec'], terminal: ['exec'], script: ['exec'], scripts: ['exec'], code: ['exec'], python: ['exec'],
  js: ['exec'], javascript: ['exec'], typescript: ['exec'], ruby: ['exec'], program: ['exec'], snippet: ['exec'],
  cell: ['exec'], notebook: ['exec'], repl: ['exec'], sql: ['exec'], query: ['exec'], statement: ['exec'],
  binary: ['exec'], executable: ['exec'], tests: ['exec'], function: ['exec'], applescript: ['exec'],
  workflow: ['job'], workflows: ['job'], pipeline: ['job', 'private'], pipelines: ['job', 'private'], job: ['job', 'private'], jobs: ['job', 'private'], action: ['job'],
  actions: ['job'], automation: ['job'], flow: ['job'], build: ['job', 'private'], builds: ['job', 'private'], scenario: ['job'], run: ['job', 'private'], runs: ['job', 'private'], artifact: ['private'], artifacts: ['private'], analytics: ['private'], metrics: ['private'], recording: ['private'], recordings: ['private'], incident: ['private'], incidents: ['private'], alerts: ['private'],
  weather: ['public'], forecast: ['public'], web: ['public', 'untrusted'], internet: ['public', 'untrusted'],
  docs: ['public'], documentation: ['public'], wikipedia: ['public'], wiki: ['public'], news: ['public', 'untrusted'],
  stock: ['public'], stocks: ['public'], ticker: ['public'], quote: ['public'], quotes: ['public'],
  package: ['public'], packages: ['public'], npm: ['public'], pypi: ['public'], crate: ['public'], library: ['public'],
  libraries: ['public'], arxiv: ['public'], paper: ['public'], papers: ['public'], pubmed: ['public'], article: ['public', 'untrusted'],
  articles: ['public', 'untrusted'], time: ['public'], timezone: ['public'], date: ['public'], math: ['compute'],
  number: ['compute'], numbers: ['compute'], expression: ['compute'], geocode: ['public'], place: ['public'],
  places: ['public'], map: ['public'], maps: ['public'], route: ['public'], directions: ['public'], elevation: ['public'],
  distance: ['public'], definition: ['public'], dictionary: ['public'], word: ['public'], synonyms: ['public'],
  holiday: ['public'], holidays: ['public'], country: ['public'], movie: ['public'], recipe: ['public'], joke: ['public'],
  fact: ['public'], url: ['public', 'untrusted'], website: ['public', 'untrusted'], webpage: ['public', 'untrusted'],
  html: ['untrusted'], feed: ['untrusted'], rss: ['untrusted', 'public'], content: ['untrusted'], transcript: ['untrusted'],
  readme: ['public'], coin: ['public'], crypto: ['public'], exchange: ['public'], rate: ['public'], chart: ['compute'],
  text: ['compute'], json: ['compute'], unit: ['compute'], units: ['compute'], color: ['compute'], uuid: ['compute'],
  regex: ['compute'], diagram: ['compute'], image: ['compute'], qr: ['compute'], markdown: ['compute'], sum: ['compute'],
};

export const NOUNS: ReadonlyMap<string, readonly NounClass[]> = new Map(
  Object.entries(TABLE).filter(([, v]) => v.length > 0),
);

export function nounClasses(word: string): readonly NounClass[] {
  return NOUNS.get(word) ?? NONE;
}

/** A `key` is a credential only with a qualifier (`api_key`, `ssh key`); a Redis or S3 key is data. */
const KEY_QUALIFIERS: ReadonlySet<string> = new Set(['api', 'access', 'ssh', 'secret', 'private', 'signing', 'deploy', 'gpg', 'pgp', 'license', 'encryption', 'kms', 'service']);

const TOKEN_NOT_SECRET_BEFORE: ReadonlySet<string> = new Set([
  'design', 'style', 'theme', 'color', 'colour', 'typography', 'spacing', 'css', 'count', 'max', 'input', 'output', 'prompt',
  'completion', 'llm', 'model', 'total', 'many', 'context',
  // On-chain tokens are assets, not secrets.
  'erc20', 'erc721', 'erc1155', 'bep20', 'trc20', 'spl', 'nft', 'fungible', 'crypto', 'native', 'wrapped', 'governance', 'meme',
]);
const TOKEN_NOT_SECRET_AFTER: ReadonlySet<string> = new Set([
  'count', 'counts', 'usage', 'limit', 'limits', 'budget', 'estimate', 'estimates', 'cost', 'costs', 'file', 'files', 'used',
  'consumed', 'offloaded', 'spent', 'saved', 'remaining', 'per', 'window',
  'metadata', 'price', 'prices', 'balance', 'balances', 'supply', 'holders', 'symbol', 'decimals', 'contract', 'contracts', 'pair', 'pairs', 'swap', 'swaps',
]);
/** Beside these anywhere in the phrase, a token is a design token, an LLM's unit or a chain's asset. */
const TOKEN_NOT_SECRET_NEAR: ReadonlySet<string> = new Set(['erc', 'bep', 'trc', 'blockchain', 'onchain', 'chain', 'wallet', 'defi', 'dex', 'solana', 'ethereum', 'evm', 'nft', 'nfts', 'coin', 'coins', 'jetton', 'jettons', 'design', 'tailwind']);
/** What describes a kind of credential rather than holding one: `get_credential_schema`, "the fields of a credential type". */
const CREDENTIAL_META_AFTER: ReadonlySet<string> = new Set(['schema', 'schemas', 'type', 'types', 'fields', 'format', 'formats', 'template', 'templates', 'definition', 'definitions']);
const CREDENTIAL_WORDS: ReadonlySet<string> = new Set(['credential', 'credentials', 'secret', 'secrets']);

/** A card is a payment card only beside these words; a kanban, trading or model card is not money. */
const CARD_QUALIFIERS: ReadonlySet<string> = new Set(['credit', 'debit', 'payment', 'bank', 'gift', 'prepaid', 'virtual', 'corporate', 'expense', 'issuing', 'cvv', 'cvc', 'expiry', 'cardholder']);
/** "In deploy order", "sort order", "in order to": an ordering, not a purchase. */
const ORDERING_BEFORE: ReadonlySet<string> = new Set(['in', 'sort', 'sorting', 'deploy', 'deployment', 'alphabetical', 'chronological', 'reverse', 'ascending', 'descending', 'display', 'insertion', 'execution', 'topological', 'random', 'natural', 'original', 'priority', 'load', 'column', 'z']);

/** A transaction beside these words is a database's, not a payment: `rollback_transaction`, "begin a SQL transaction". */
const DATABASE_TX_WORDS: ReadonlySet<string> = new Set(['rollback', 'commit', 'begin', 'savepoint', 'database', 'db', 'sql', 'isolation', 'uncommitted']);

const CLUSTER_WORDS: ReadonlySet<string> = new Set(['cluster', 'clusters', 'kubernetes', 'k8s', 'kubectl', 'pod', 'pods', 'worker', 'workers', 'pool', 'drain', 'cordon', 'uncordon', 'taint', 'kubelet', 'eks', 'gke', 'aks']);

/** The noun classes of a run of words, skipping one index (the verb), with compound nouns resolved. */
export function collectNounClasses(words: readonly string[], skip = -1): Set<NounClass> {
  const out = new Set<NounClass>();
  for (let i = 0; i < words.length; i++) {
    if (i === skip) continue;
    const w = words[i] ?? '';
    if ((w === 'key' || w === 'keys') && KEY_QUALIFIERS.has(words[i - 1] ?? '')) out.add('credential');
    // Design tokens and a model's token counts are not secrets.
    if ((w === 'token' || w === 'tokens') && (TOKEN_NOT_SECRET_BEFORE.has(words[i - 1] ?? '') || TOKEN_NOT_SECRET_AFTER.has(words[i + 1] ?? '') || words.some((x) => TOKEN_NOT_SECRET_NEAR.has(x)))) continue;
    if (CREDENTIAL_WORDS.has(w) && CREDENTIAL_META_AFTER.has(words[i + 1] ?? '')) continue;
    // A Figma, DOM or graph node is not a cluster node: infrastructure only beside cluster words.
    if ((w === 'node' || w === 'nodes') && !words.some((x) => CLUSTER_WORDS.has(x))) continue;
    if ((w === 'transaction' || w === 'transactions') && words.some((x) => DATABASE_TX_WORDS.has(x))) continue;
    if ((w === 'card' || w === 'cards') && (CARD_QUALIFIERS.has(words[i - 1] ?? '') || CARD_QUALIFIERS.has(words[i + 1] ?? '') || words[i + 1] === 'number' || words[i + 1] === 'numbers')) out.add('financial');
    if ((w === 'order' || w === 'orders') && (ORDERING_BEFORE.has(words[i - 1] ?? '') || words[i - 2] === 'in' || words[i + 1] === 'by' || words[i + 1] === 'of')) continue;
    // A memory bank is an agent's notes, not a bank.
    if (w === 'bank' && words[i - 1] === 'memory') continue;
    for (const c of nounClasses(w)) out.add(c);
  }
  return out;
}

const NONE: readonly NounClass[] = [];
