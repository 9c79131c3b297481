// Evidence from the server's domain, read from its name and description (and the tool's own name,
// which often carries the product: `stripe_create_refund`). The domain raises risk floors and adds
// tags; it never decides the category on its own.
import type { Evidence, ServerContext } from '../classifier.ts';
import { LEXICON, scanWords } from '../text-words.ts';

export type Domain = 'payments' | 'messaging' | 'social' | 'cloud' | 'database' | 'filesystem' | 'shell' | 'browser' | 'public-info' | 'code-host' | 'documents';

const DOMAIN_RULES: ReadonlyArray<{ domain: Domain; re: RegExp; text: string }> = [
  { domain: 'payments', re: /\b(?:stripe|paypal|square|braintree|adyen|payments?|billing|invoic\w*|wallet|bank\w*|plaid|coinbase|crypto|ethereum|solana|bitcoin|defi|web3|evm|wise|revolut|mollie|razorpay|lemon ?squeezy|paddle)\b/, text: 'payments' },
  { domain: 'messaging', re: /\b(?:gmail|e-?mail|mail|slack|discord|telegram|whatsapp|signal|sms|twilio|teams|outlook|imessage|messag\w*|chat|mattermost|zulip|matrix|sendgrid|mailgun|resend|postmark|intercom)\b/, text: 'email and messaging' },
  { domain: 'social', re: /\b(?:twitter|x\.com|tweet\w*|linkedin|reddit|mastodon|bluesky|bsky|facebook|instagram|threads|tiktok|youtube|social|farcaster|nostr)\b/, text: 'social posting' },
  { domain: 'cloud', re: /\b(?:aws|amazon web services|gcp|google cloud|azure|kubernetes|k8s|kubectl|helm|cloudflare|vercel|netlify|heroku|terraform|pulumi|docker|digitalocean|fly\.io|render\.com|railway|ec2|s3|lambda|ecs|eks|gke|aks|openshift|nomad|ansible|infrastructure|devops|ci\/cd)\b/, text: 'cloud infrastructure' },
  { domain: 'database', re: /\b(?:postgres\w*|mysql|mariadb|sqlite|mongo\w*|redis|supabase|neon|bigquery|snowflake|elasticsearch|opensearch|clickhouse|dynamodb|cassandra|firestore|firebase|database|sql|duckdb|prisma|airtable|pinecone|qdrant|weaviate|chroma|milvus|neo4j|mssql|sql ?server|oracle|cockroach\w*|db2|dbeaver|timescale\w*|influx\w*|couchdb|couchbase|cosmos ?db|planetscale|turso|libsql|surreal\w*|questdb|tidb|memgraph|arangodb)\b/, text: 'databases' },
  { domain: 'filesystem', re: /\b(?:filesystem|file ?system|local files?|fs|files|directory|directories|disk)\b/, text: 'filesystem' },
  { domain: 'shell', re: /\b(?:shell|terminal|bash|zsh|powershell|command[- ]line|cli|desktop[- ]commander|code[- ]?runner|interpreter|repl|jupyter|notebook|exec\w*|ssh|remote command)\b/, text: 'shell or code execution' },
  { domain: 'browser', re: /\b(?:playwright|puppeteer|browser\w*|selenium|chrome|chromium|firefox|webdriver|headless|browserbase|browser-?use)\b/, text: 'browsers' },
  { domain: 'public-info', re: /\b(?:weather|wikipedia|arxiv|pubmed|news|search engine|brave search|duckduckgo|tavily|exa|serp\w*|perplexity|docs|documentation|context7|dictionary|maps?|geocod\w*|stock\w*|finance data|yahoo finance|time ?zones?|calculator|math)\b/, text: 'public information' },
  // The user's own documents, designs and customer records in a hosted workspace: reading them reads private data.
  { domain: 'documents', re: /\b(?:ms ?365|m365|microsoft 365|microsoft graph|office 365|onedrive|sharepoint|onenote|google drive|gdrive|google docs|google sheets|google workspace|gsuite|dropbox|figma|evernote|salesforce|hubspot|zendesk|freshdesk|pipedrive|zoho|miro|canva|coda|quip|smartsheet|docusign|shopify|woocommerce|bigcommerce|magento|crm|erp|erpnext|odoo|netsuite|attio|dynamics 365|basecamp|quickbooks|xero|freshbooks|workday|bamboo ?hr|strava|fitbit|garmin|oura)\b/, text: 'documents, workspaces and business records' },
  { domain: 'code-host', re: /\b(?:github|gitlab|bitbucket|gitea|git|azure devops|jira|linear|confluence|notion|asana|trello|clickup)\b/, text: 'code hosting and work tracking' },
];

/** Server descriptions can be long; the domain shows in the first lines. */
const MAX_TEXT = 600;
/** Each rule's evidence signal, built once rather than per call. */
const SIGNALS: readonly string[] = DOMAIN_RULES.map((r) => `domain:${r.domain}`);
/** For each gate word (see gateWords), a bit for each rule whose matches can start with it. */
const RULES_BY_WORD: number[] = [];
DOMAIN_RULES.forEach((rule, i) => {
  for (const id of LEXICON.idsOf(gateWords(rule.re))) RULES_BY_WORD[id] = (RULES_BY_WORD[id] ?? 0) | (1 << i);
});
const SEPARATORS = /[_\-./]+/g;
/** Compounds whose second word names a domain they are not: a "memory bank" is an agent's notes. */
const NOT_A_DOMAIN = /\bmemory bank/g;

const AGENT_MEMORY = /\b(?:memory|memories|scratchpad)\b/;

// Servers repeat across their tools; their part of the answer is computed once per server object.
const SERVER_CACHE = new WeakMap<ServerContext, Evidence[]>();

export function serverDomain(server: ServerContext | undefined, toolName?: string): Evidence[] {
  const fromServer = server === undefined ? [] : domainsOfServer(server);
  const out: Evidence[] = fromServer.slice();
  if (toolName !== undefined && toolName.length > 0) {
    const text = toolName.slice(0, 200).replace(SEPARATORS, ' ').toLowerCase().replace(NOT_A_DOMAIN, 'memory');
    // Which rules the name's words can start a match of: most names name no domain, and skip all ten regexes.
    let possible = 0;
    for (const id of scanWords(text).present) possible |= RULES_BY_WORD[id] ?? 0;
    for (let i = 0; possible !== 0 && i < DOMAIN_RULES.length; i++) {
      const rule = DOMAIN_RULES[i];
      if (rule === undefined || (possible & (1 << i)) === 0 || fromServer.some((e) => e.signal === SIGNALS[i])) continue;
      const m = rule.re.exec(text);
      if (m !== null) out.push({ signal: SIGNALS[i] ?? '', weight: 0.6, source: 'name', text: `the tool name points to ${rule.text} ("${m[0]}")` });
    }
  }
  return out;
}

/**
 * The words a rule's matches start with. Each rule is `\b(?:alt|alt|…)\b` with plain alternatives:
 * one that is a whole word ("stripe") is that word; one that goes on past its first letters and
 * digits ("invoic\w*", "lemon ?squeezy", "x\.com") starts a word with them, a prefix ("invoic*"),
 * less a last letter that a quantifier makes optional ("payments?" starts words with "payment").
 */
function gateWords(re: RegExp): string[] {
  const body = /^\\b\(\?:(.*)\)\\b$/.exec(re.source)?.[1];
  if (body === undefined || body.includes('(')) throw new Error(`server-domain: cannot read the alternatives of ${re.source}`);
  return body.split('|').map((alt) => {
    let head = /^[a-z0-9]+/.exec(alt)?.[0] ?? '';
    if (head === alt) return alt;
    if ('?*+{'.includes(alt[head.length] ?? '')) head = head.slice(0, -1);
    if (head === '') throw new Error(`server-domain: alternative "${alt}" does not start with a letter or digit`);
    return `${head}*`;
  });
}

function domainsOfServer(server: ServerContext): Evidence[] {
  const cached = SERVER_CACHE.get(server);
  if (cached !== undefined) return cached;
  const out: Evidence[] = [];
  const text = `${server.name} ${(server.description ?? '').slice(0, MAX_TEXT)}`.replace(SEPARATORS, ' ').toLowerCase().replace(NOT_A_DOMAIN, 'memory');
  // An agent's memory server keeps the agent's own notes, whatever database holds them (`mcp-memory-libsql`).
  const memory = AGENT_MEMORY.exec(server.name.replace(SEPARATORS, ' ').toLowerCase());
  if (memory !== null) out.push(Object.freeze({ signal: 'own-state', weight: 1, source: 'server' as const, text: `the server keeps the agent's own notes ("${memory[0]}")` }));
  for (let i = 0; i < DOMAIN_RULES.length; i++) {
    const rule = DOMAIN_RULES[i];
    if (rule === undefined || (memory !== null && rule.domain === 'database')) continue;
    const m = rule.re.exec(text);
    if (m !== null) out.push(Object.freeze({ signal: SIGNALS[i] ?? '', weight: 1, source: 'server' as const, text: `the server points to ${rule.text} ("${m[0]}")` }));
  }
  SERVER_CACHE.set(server, out);
  return out;
}
