// Turns discovered entries into a seed list for `mcp-risk index` (the format of data/seeds/servers.json,
// validated by src/pipeline/seed-catalog.ts): the entries judged to be servers that run from npm at an
// exact version. Domain and credential placeholders are best guesses from the name and description;
// nothing here runs or installs anything.
import { parseSeedCatalog, type SeedEntry } from '../../src/pipeline/seed-catalog.ts';
import { slug, type MergedCandidate } from './merge-candidates.ts';

export interface SeedListResult {
  /** The file's text, already validated by parseSeedCatalog. */
  text: string;
  servers: SeedEntry[];
  /** Servers left out, with why (deprecated, no exact npm version, …). */
  left: { id: string; reason: string }[];
}

const EXACT_VERSION = /^\d+\.\d+\.\d+([-+][\w.-]+)?$/;

/** First match wins; the words are matched as whole tokens of the lowercased name and description. */
const DOMAIN_RULES: [SeedEntry['domain'], RegExp][] = [
  ['filesystem', /\b(filesystem|file system|files?)\b/],
  ['git', /\bgit\b/],
  ['browser', /\b(browser|puppeteer|playwright|chrome|chromium|selenium|devtools)\b/],
  ['database', /\b(database|databases|sql|sqlite|postgres|postgresql|mysql|mongodb|mongo|redis|supabase|neon|pinecone|elasticsearch|clickhouse|snowflake|bigquery|duckdb|qdrant|chroma|astra|prisma|nile)\b/],
  ['payments', /\b(stripe|paypal|payments?|billing|invoices?|checkout)\b/],
  ['messaging', /\b(slack|discord|telegram|whatsapp|e-?mail|gmail|imap|smtp|sms|twilio)\b/],
  ['productivity', /\b(notion|todoist|linear|jira|asana|trello|calendar|docs|sheets|obsidian|confluence|monday|clickup|notes)\b/],
  ['cloud', /\b(aws|azure|gcp|cloud|cloudflare|kubernetes|k8s|docker|vercel|netlify|heroku|terraform|pulumi|digitalocean)\b/],
  ['search', /\b(search|exa|tavily|brave|firecrawl|perplexity|serp|crawl|scrape|scraping|fetch)\b/],
  ['saas', /\b(github|gitlab|bitbucket|hubspot|salesforce|shopify|sentry|atlassian|zendesk|figma|airtable|api)\b/],
];

/** Best guess of the seed domain from the package name and description; "other" when nothing fits. */
export function guessDomain(packageName: string, description = ''): SeedEntry['domain'] {
  const text = `${packageName.replace(/[@/_.-]+/g, ' ')} ${description}`.toLowerCase();
  for (const [domain, pattern] of DOMAIN_RULES) if (pattern.test(text)) return domain;
  return packageName.startsWith('@modelcontextprotocol/server-') ? 'reference' : 'other';
}

const CREDENTIAL_NAME = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:API_KEY|TOKEN|ACCESS_TOKEN|SECRET|SECRET_KEY|KEY)\b/g;

/** Credential variables a text names (EXA_API_KEY, GITHUB_TOKEN, …), each with a placeholder value. */
export function placeholderEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of text.match(CREDENTIAL_NAME) ?? []) env[name] = 'placeholder';
  return env;
}

/**
 * The seed list for the entries judged to be npm servers. `readmes` (package → README text) feeds the
 * credential guess when a registry serves READMEs; the description is always searched.
 */
export function buildSeedList(entries: readonly MergedCandidate[], readmes: ReadonlyMap<string, string> = new Map(), file = 'seed list'): SeedListResult {
  const servers: SeedEntry[] = [];
  const left: SeedListResult['left'] = [];
  const used = new Set<string>();
  for (const entry of entries) {
    if (entry.verdict?.isServer !== true || entry.runtime !== 'npm') continue;
    const pkg = entry.launch?.npmPackage;
    const version = entry.launch?.npmVersion;
    if (pkg === undefined || version === undefined || !EXACT_VERSION.test(version)) {
      left.push({ id: entry.id, reason: 'no exact npm version' });
      continue;
    }
    if (entry.verdict.deprecated) {
      left.push({ id: entry.id, reason: 'deprecated on npm' });
      continue;
    }
    let id = slug(pkg);
    for (let n = 2; used.has(id); n += 1) id = `${slug(pkg)}-${n}`;
    used.add(id);
    const description = entry.description?.replace(/\s+/g, ' ').trim().slice(0, 500);
    const server: SeedEntry = {
      id,
      name: pkg,
      ...(description ? { description } : {}),
      domain: guessDomain(pkg, description),
      package: pkg,
      version,
      ...(entry.launch?.bin !== undefined ? { bin: entry.launch.bin } : {}),
      args: [],
      env: placeholderEnv(`${description ?? ''}\n${readmes.get(pkg) ?? ''}`),
      ...(entry.repository !== undefined && /^https?:\/\/\S+$/.test(entry.repository) ? { repository: entry.repository } : {}),
    };
    servers.push(server);
  }
  const text = `${JSON.stringify({ servers }, null, 2)}\n`;
  parseSeedCatalog(text, file); // throws BAD_SEED_FILE naming the entry, so a bad list is never written
  return { text, servers, left };
}
