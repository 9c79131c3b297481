// `mcp-risk discover`: runs the discovery sources (official registry, npm, directory pages, seed
// list), merges what they say about each server into one entry, and prints the entries with the
// server / not-server verdict and every provenance. Results on stdout (or --out as JSONL), progress
// and skipped records on stderr, one line each.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { McpRiskError, errorMessage } from '../../errors.ts';
import { createProgress } from '../../log.ts';
import { SOURCE_KINDS, type DiscoveredCandidate, type DiscoveryEvent, type SourceKind } from '../../../crawlers/sources/discovered-candidate.ts';
import { htmlDirectorySource } from '../../../crawlers/sources/html-directory-source.ts';
import { mergeCandidates, type MergedCandidate } from '../../../crawlers/sources/merge-candidates.ts';
import { DEFAULT_NPM_REGISTRY, DEFAULT_SEARCH_KEYWORDS, parseNamesList } from '../../../crawlers/sources/npm-search.ts';
import { npmSource } from '../../../crawlers/sources/npm-source.ts';
import { DEFAULT_REGISTRY_URL, registrySource } from '../../../crawlers/sources/registry-source.ts';
import { seedSource } from '../../../crawlers/sources/seed-source.ts';
import { buildSeedList } from '../../../crawlers/sources/seed-writer.ts';
import { intOption } from '../context.ts';
import { printable } from './tools-command.ts';

interface DiscoverFlags {
  source?: string[];
  registryUrl: string;
  npmRegistry: string;
  names?: string;
  keywords: string;
  html?: string[];
  layout: string;
  seedFile?: string;
  out?: string;
  seedOut?: string;
  json?: boolean;
  serversOnly?: boolean;
  concurrency: number;
  limit?: number;
}

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

export function registerDiscoverCommand(program: Command): void {
  program
    .command('discover')
    .description('find MCP servers in catalog sources, tell servers from SDKs/clients/proxies, merge one entry per server')
    .option('--source <name>', `where to look: ${SOURCE_KINDS.join(', ')} (repeat or comma-separate)`, collect)
    .option('--registry-url <url>', 'official MCP registry base URL', DEFAULT_REGISTRY_URL)
    .option('--npm-registry <url>', 'npm registry base URL', DEFAULT_NPM_REGISTRY)
    .option('--names <file>', 'npm package names, one per line (# comments); skips the npm search')
    .option('--keywords <list>', 'npm search keywords (comma-separated)', DEFAULT_SEARCH_KEYWORDS.join(','))
    .option('--html <file|url>', 'a directory page, saved or live (repeatable)', collect)
    .option('--layout <layout>', 'html page layout: auto, awesome-list, directory', 'auto')
    .option('--seed-file <file>', 'seed list for --source seed (default data/seeds/servers.json)')
    .option('--out <file>', 'also write the merged entries as JSONL (one entry per line)')
    .option('--seed-out <file>', 'also write the npm servers found (exact versions) as a seed list for `mcp-risk index --seed`')
    .option('--json', 'print JSON instead of a table')
    .option('--servers-only', 'print only entries judged to be servers')
    .option('--concurrency <n>', 'npm metadata requests in flight', intOption(1, 64), 8)
    .option('--limit <n>', 'at most N candidates from each source', intOption(1, 10_000_000))
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-risk discover --source npm --names data/seeds/npm-candidates.txt --out /tmp/discover.jsonl
  $ mcp-risk discover --source registry --limit 200 --json
  $ mcp-risk discover --source html --html test/fixtures/pages/awesome-mcp-servers.html
  $ mcp-risk discover --source seed,registry,npm --servers-only
  $ mcp-risk discover --source npm --names names.txt --seed-out seeds.json && mcp-risk index --seed seeds.json
  $ mcp-risk discover --source registry --registry-url http://127.0.0.1:8080   # a mirror or subregistry

With --source npm and another source, npm names the other sources found are looked up too.
Verdict reasons: --json shows every signal and its weight.`,
    )
    .action(async (flags: DiscoverFlags) => {
      const sources = checkSources(flags);
      const pages = flags.html ?? [];
      const collected: DiscoveredCandidate[] = [];
      let skipped = 0;
      let failed = 0;
      const take = async (kind: SourceKind, stream: AsyncIterable<DiscoveryEvent>, onEvent?: () => void) => {
        try {
          for await (const event of stream) {
            onEvent?.();
            if (event.type === 'candidate') collected.push(event.candidate);
            else {
              skipped += 1;
              process.stderr.write(`skipped (${event.skipped.source}) ${printable(event.skipped.ref)}: ${printable(event.skipped.reason)}\n`);
            }
          }
        } catch (error) {
          if (error instanceof McpRiskError) throw error;
          failed += 1;
          process.stderr.write(`mcp-risk: source ${kind} failed: ${errorMessage(error)}\n`);
        }
      };
      const limit = flags.limit !== undefined ? { limit: flags.limit } : {};

      if (sources.has('seed')) await take('seed', seedSource({ file: flags.seedFile ?? loadConfig().seedFile, ...limit }));
      if (sources.has('registry')) {
        process.stderr.write(`registry: listing ${flags.registryUrl}\n`);
        await take('registry', registrySource({ baseUrl: flags.registryUrl, ...limit, retry: retryLog() }));
      }
      for (const page of pages) await take('html', htmlDirectorySource({ ...(await htmlInput(page)), layout: checkLayout(flags.layout), ...limit }));
      if (sources.has('npm')) {
        const fromOthers = collected.flatMap((c) => (c.npmPackage !== undefined ? [c.npmPackage] : []));
        const fileNames = flags.names !== undefined ? await readNames(flags.names) : undefined;
        const names = fileNames !== undefined ? [...new Set([...fileNames, ...fromOthers])] : undefined;
        const base = { baseUrl: flags.npmRegistry, concurrency: flags.concurrency, ...limit, retry: retryLog() };
        if (names !== undefined) {
          process.stderr.write(`npm: looking up ${names.length} packages at ${flags.npmRegistry}\n`);
          const progress = createProgress(names.length);
          await take('npm', npmSource({ ...base, names }), () => progress.tick('npm', true, ''));
          progress.done();
        } else {
          const keywords = flags.keywords.split(',').map((k) => k.trim()).filter(Boolean);
          process.stderr.write(`npm: searching ${keywords.map((k) => `keywords:${k}`).join(', ')}\n`);
          await take('npm', npmSource({ ...base, search: { keywords } }));
          const seen = new Set(collected.filter((c) => c.provenance.some((p) => p.source === 'npm')).map((c) => c.npmPackage));
          const extra = [...new Set(fromOthers)].filter((n) => !seen.has(n));
          if (extra.length > 0) await take('npm', npmSource({ ...base, names: extra }));
        }
      }

      const merged = mergeCandidates(collected);
      const shown = flags.serversOnly ? merged.filter((m) => m.verdict?.isServer === true) : merged;
      if (flags.out !== undefined) await writeFile(flags.out, shown.map((m) => stableJson(m)).join('\n') + (shown.length > 0 ? '\n' : ''));
      let seedNote = '';
      if (flags.seedOut !== undefined) {
        const seeds = buildSeedList(merged, new Map(), flags.seedOut);
        await writeFile(flags.seedOut, seeds.text);
        seedNote = `; wrote ${seeds.servers.length} servers to ${flags.seedOut}${seeds.left.length > 0 ? ` (${seeds.left.length} left out: ${summarizeReasons(seeds.left)})` : ''}`;
      }
      if (flags.json) process.stdout.write(`${JSON.stringify(shown.map((m) => JSON.parse(stableJson(m)) as unknown), null, 2)}\n`);
      else process.stdout.write(renderTable(shown));
      const servers = merged.filter((m) => m.verdict?.isServer === true).length;
      process.stderr.write(
        `${collected.length} records → ${merged.length} entries (${servers} servers, ${merged.filter((m) => m.verdict?.isServer === false).length} not servers, ${merged.filter((m) => m.verdict === undefined).length} unjudged); ${skipped} skipped${failed > 0 ? `; ${failed} source(s) failed` : ''}${flags.out !== undefined ? `; wrote ${flags.out}` : ''}${seedNote}\n`,
      );
      if (failed > 0) process.exitCode = 1;
    });
}

function summarizeReasons(left: { reason: string }[]): string {
  const counts = new Map<string, number>();
  for (const l of left) counts.set(l.reason, (counts.get(l.reason) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).join(', ');
}

function checkSources(flags: DiscoverFlags): Set<SourceKind> {
  const requested = flags.source ?? [];
  const html = flags.html ?? [];
  if (requested.length === 0) {
    throw new McpRiskError('BAD_FLAG', 'no source given', { hint: `pass --source with one or more of: ${SOURCE_KINDS.join(', ')}` });
  }
  const out = new Set<SourceKind>();
  for (const s of requested) {
    const kind = SOURCE_KINDS.find((k) => k === s);
    if (kind === undefined) throw new McpRiskError('BAD_FLAG', `unknown source "${s}"`, { hint: `allowed: ${SOURCE_KINDS.join(', ')}` });
    out.add(kind);
  }
  if (out.has('html') && html.length === 0) throw new McpRiskError('BAD_FLAG', '--source html needs a page', { hint: 'add --html FILE or --html URL' });
  if (!out.has('html') && html.length > 0) out.add('html');
  if (flags.names !== undefined && !out.has('npm')) throw new McpRiskError('BAD_FLAG', '--names is for the npm source', { hint: 'add --source npm' });
  for (const [flag, value] of [['--registry-url', flags.registryUrl], ['--npm-registry', flags.npmRegistry]] as const) {
    if (!/^https?:\/\/[^\s/]+/.test(value)) throw new McpRiskError('BAD_FLAG', `${flag} "${value}" is not an http(s) URL`, { hint: `e.g. ${flag === '--registry-url' ? DEFAULT_REGISTRY_URL : DEFAULT_NPM_REGISTRY}` });
  }
  return out;
}

function checkLayout(layout: string): 'auto' | 'awesome-list' | 'directory' {
  if (layout === 'auto' || layout === 'awesome-list' || layout === 'directory') return layout;
  throw new McpRiskError('BAD_FLAG', `unknown --layout "${layout}"`, { hint: 'allowed: auto, awesome-list, directory' });
}

async function readNames(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new McpRiskError('BAD_INPUT_FILE', `${file}: cannot read the names file (${errorMessage(error)})`);
  }
  const { names, invalid } = parseNamesList(text);
  const first = invalid[0];
  if (first !== undefined) {
    throw new McpRiskError('BAD_INPUT_FILE', `${file}:${first.line}: "${printable(first.text)}" is not an npm package name${invalid.length > 1 ? ` (and ${invalid.length - 1} more lines)` : ''}`, {
      hint: 'one npm name per line, such as @scope/name or name; # starts a comment',
    });
  }
  if (names.length === 0) throw new McpRiskError('BAD_INPUT_FILE', `${file}: lists no package names`);
  return names;
}

async function htmlInput(page: string): Promise<{ url: string } | { html: string; pageUrl: string }> {
  if (/^https?:\/\//i.test(page)) return { url: page };
  try {
    return { html: await readFile(page, 'utf8'), pageUrl: pathToFileURL(path.resolve(page)).toString() };
  } catch (error) {
    throw new McpRiskError('BAD_INPUT_FILE', `${page}: cannot read the page (${errorMessage(error)})`, { hint: '--html takes a saved HTML file or an http(s) URL' });
  }
}

function retryLog() {
  return { onRetry: (r: { url: string; attempt: number; waitMs: number; reason: string }) => process.stderr.write(`retry: ${r.url} (${r.reason}); waiting ${Math.round(r.waitMs / 100) / 10} s\n`) };
}

/** Sorted keys, so the same data always writes the same bytes. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function renderTable(rows: MergedCandidate[]): string {
  if (rows.length === 0) return '';
  const idWidth = Math.min(48, Math.max(2, ...rows.map((r) => r.id.length)));
  const lines = [`${'ID'.padEnd(idWidth)}  SERVER  CONF  RUNTIME  SOURCES              LAUNCH`];
  for (const r of rows) {
    const verdict = r.verdict === undefined ? '?' : r.verdict.isServer ? (r.verdict.deprecated ? 'yes(d)' : 'yes') : 'no';
    const launch = r.launch?.url ?? (r.launch?.npmPackage !== undefined ? `${r.launch.npmPackage}${r.launch.npmVersion !== undefined ? `@${r.launch.npmVersion}` : ''}` : (r.repository ?? '-'));
    const sources = [...new Set(r.provenance.map((p) => p.source))].join('+');
    lines.push(
      `${printable(r.id).slice(0, idWidth).padEnd(idWidth)}  ${verdict.padEnd(6)}  ${(r.verdict?.confidence.toFixed(2) ?? '-').padEnd(4)}  ${r.runtime.padEnd(7)}  ${sources.padEnd(19)}  ${printable(launch).slice(0, 80)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

