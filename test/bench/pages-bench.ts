// Pages benchmark: tool pages per second and peak memory, rendering a synthetic catalog recombined
// from the 480 real tools of the gold set, streamed server by server at two catalog sizes (memory
// must not grow with the catalog), against two baselines measured in the same run: naive string
// concatenation without escaping (the cost of safety), and a non-streaming build that holds the whole
// catalog (the cost of not streaming). Then the full build to disk, a no-change rebuild, and a build
// from PGlite. Run alone: node --import tsx test/bench/pages-bench.ts
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { connectDatabase } from '../../src/db/connect.ts';
import { saveClassifications } from '../../src/db/classifications-repo.ts';
import { upsertServers } from '../../src/db/servers-repo.ts';
import { saveSnapshot } from '../../src/db/snapshots-repo.ts';
import { loadConfig } from '../../src/config.ts';
import { serverContextHash, toolDefinitionHash } from '../../src/definition-hash.ts';
import { renderServerPage } from '../../src/pages/render-server-page.ts';
import { renderToolPage } from '../../src/pages/render-tool-page.ts';
import type { ServerBundle, SiteTool } from '../../src/pages/site-data.ts';
import { slug } from '../../src/pages/site-paths.ts';
import { writeSite, writeSiteFrom } from '../../src/pages/write-site.ts';
import type { Classification, ToolDefinition } from '../../src/types.ts';
import { classifyWithRules, rulesClassifier } from '../../classifiers/rules-classifier.ts';
import { ROOT } from '../helpers/fixture-servers.ts';

export interface Row {
  stage: string;
  items: number;
  seconds: number;
  perSecond: number;
  peakRssMb: number;
  baseline?: string;
  ratio?: number;
}

const TOOLS_PER_SERVER = 20;
const AT = '2026-01-15T10:00:00.000Z';

interface GoldTool {
  tool: ToolDefinition;
  label: Classification;
}

export function goldTools(): GoldTool[] {
  const lines = readFileSync(path.join(ROOT, 'data', 'gold', 'tools.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  return lines.map((line) => {
    const row = JSON.parse(line) as { tool: ToolDefinition; server: { name: string } };
    return { tool: row.tool, label: classifyWithRules(row.tool, { name: row.server.name }) };
  });
}

/** Server k gets TOOLS_PER_SERVER gold tools from a rotating offset, renamed so names stay unique. */
export function* syntheticBundles(gold: readonly GoldTool[], totalTools: number): Generator<ServerBundle> {
  const servers = Math.ceil(totalTools / TOOLS_PER_SERVER);
  for (let k = 0; k < servers; k += 1) {
    const id = `bench-server-${k}`;
    const serverSlug = slug(id);
    const tools: SiteTool[] = [];
    for (let i = 0; i < TOOLS_PER_SERVER && k * TOOLS_PER_SERVER + i < totalTools; i += 1) {
      const g = gold[(k * 7 + i * 13) % gold.length] as GoldTool;
      const tool = { ...g.tool, name: `${g.tool.name}_${i}` };
      tools.push({
        serverId: id, serverSlug, slug: slug(tool.name), position: i, definitionHash: `h${k}-${i}`, tool,
        label: g.label, firstSeenAt: AT, history: i % 5 === 0 ? [{ at: AT, kind: 'description_changed', severity: 'low', summary: 'description changed (40 → 52 characters)' }] : [],
        sameName: [], sameNameTotal: 0,
      });
    }
    yield {
      server: {
        id, slug: serverSlug, name: `Bench server ${k}`, description: 'A synthetic server recombined from real tools.', source: 'bench', domain: null,
        npmPackage: `@bench/server-${k}`, remoteUrl: null, repository: null, version: '1.0.0',
        launch: { transport: 'stdio', npmPackage: `@bench/server-${k}`, args: [], envNames: ['API_TOKEN'] },
        firstSeenAt: AT,
        lastCrawl: { snapshotId: k, status: 'ok', error: null, finishedAt: AT, serverVersion: '1.0.0', protocolVersion: '2025-06-18', toolCount: tools.length },
        currentCrawl: null,
      },
      tools,
    };
  }
}

/** Peak RSS is sampled as the stage runs (the process-wide maximum cannot be reset between stages). */
async function measure(stage: string, fn: (sample: () => void) => number | Promise<number>): Promise<Row> {
  globalThis.gc?.();
  let peak = process.memoryUsage.rss();
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const started = performance.now();
  const items = await fn(sample);
  const seconds = (performance.now() - started) / 1000;
  sample();
  return { stage, items, seconds: round(seconds, 2), perSecond: Math.round(items / seconds), peakRssMb: Math.round(peak / 2 ** 20) };
}

const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;

function renderStreamed(gold: readonly GoldTool[], total: number, sample: () => void): number {
  let pages = 0;
  let bytes = 0;
  for (const bundle of syntheticBundles(gold, total)) {
    bytes += renderServerPage(bundle).length;
    for (const tool of bundle.tools) {
      bytes += renderToolPage(bundle, tool).length;
      pages += 1;
    }
    if (pages % 2000 === 0) sample();
  }
  return bytes > 0 ? pages : 0;
}

/** The unsafe baseline: the same main fields concatenated with no escaping, no policy, no layout. */
function renderNaive(gold: readonly GoldTool[], total: number, sample: () => void): number {
  let pages = 0;
  let bytes = 0;
  for (const bundle of syntheticBundles(gold, total)) {
    for (const t of bundle.tools) {
      const page = '<!doctype html><html><head><title>' + t.tool.name + '</title></head><body><h1>' + t.tool.name + '</h1><p>' +
        (t.label?.risk ?? '') + ' ' + (t.label?.category ?? '') + '</p><p>' + (t.tool.description ?? '') + '</p><p>' + (t.label?.rationale ?? '') +
        '</p><pre>' + JSON.stringify(t.tool.inputSchema) + '</pre></body></html>';
      bytes += page.length;
      pages += 1;
    }
    if (pages % 2000 === 0) sample();
  }
  return bytes > 0 ? pages : 0;
}

/** The non-streaming build: load the whole catalog first (as a naive build would), then render. */
function renderAllInMemory(gold: readonly GoldTool[], total: number, sample: () => void): number {
  const bundles = [...syntheticBundles(gold, total)];
  sample();
  let pages = 0;
  let bytes = 0;
  for (const bundle of bundles) {
    bytes += renderServerPage(bundle).length;
    for (const tool of bundle.tools) {
      bytes += renderToolPage(bundle, tool).length;
      pages += 1;
    }
    if (pages % 2000 === 0) sample();
  }
  return bytes > 0 && bundles.length > 0 ? pages : 0;
}

async function seedDatabase(gold: readonly GoldTool[], totalTools: number) {
  const database = await connectDatabase({ pgliteDir: 'memory://', migrationsDir: loadConfig().migrationsDir });
  for (const bundle of syntheticBundles(gold, totalTools)) {
    const { server } = bundle;
    await upsertServers(database.db, [{ id: server.id, name: server.name, source: 'bench', launch: { transport: 'stdio', args: [], env: {} } }]);
    const tools = bundle.tools.map((t) => t.tool);
    await saveSnapshot(database.db, { runId: null, serverId: server.id, startedAt: new Date(AT), result: { status: 'ok', stderrTail: '', tools, droppedTools: [], timings: { totalMs: 1 } } });
    const contextHash = serverContextHash({ name: server.name });
    await saveClassifications(database.db, rulesClassifier.info, bundle.tools.map((t) => ({ definitionHash: toolDefinitionHash(t.tool), contextHash, classification: t.label as unknown as Classification })));
  }
  return database;
}

export async function benchPages(): Promise<Row[]> {
  const gold = goldTools();
  const rows: Row[] = [];
  const small = await measure('render tool pages, streamed (20k catalog)', (s) => renderStreamed(gold, 20_000, s));
  rows.push(small);
  const large = await measure('render tool pages, streamed (100k catalog)', (s) => renderStreamed(gold, 100_000, s));
  rows.push(large);
  const naive = await measure('baseline: naive concatenation, no escaping (100k)', (s) => renderNaive(gold, 100_000, s));
  rows.push(naive);
  large.baseline = naive.stage;
  large.ratio = round(large.perSecond / naive.perSecond, 3);

  const out = mkdtempSync(path.join(tmpdir(), 'mcp-risk-pages-bench-'));
  try {
    const built = await measure('write site to disk, streamed (20k tools)', async (s) => (await writeSiteFrom(syntheticBundles(gold, 20_000), { outDir: out, onProgress: s })).tools);
    rows.push(built);
    const again = await measure('rebuild with no change (20k tools)', async (s) => (await writeSiteFrom(syntheticBundles(gold, 20_000), { outDir: out, onProgress: s })).tools);
    again.baseline = built.stage;
    again.ratio = round(again.perSecond / built.perSecond, 3);
    rows.push(again);
    const database = await seedDatabase(gold, 5_000);
    try {
      const dbOut = path.join(out, 'db');
      rows.push(
        await measure('write site from PGlite (5k tools)', async (s) =>
          (await writeSite(database.db, { outDir: dbOut, classifier: rulesClassifier.info, quickLabel: (t) => classifyWithRules(t), onProgress: s })).tools,
        ),
      );
    } finally {
      await database.close();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  // Last: RSS a process has grown to is not given back promptly, so this would inflate later stages.
  const whole = await measure('baseline: non-streaming, whole catalog in memory (100k)', (s) => renderAllInMemory(gold, 100_000, s));
  whole.baseline = large.stage;
  whole.ratio = round(whole.peakRssMb / large.peakRssMb, 2);
  rows.push(whole);
  return rows;
}

function printTable(rows: readonly Row[]): void {
  const header = ['stage', 'items', 'seconds', 'per second', 'peak RSS MB', 'ratio vs baseline (rate; RSS for the last row)'];
  const lines = rows.map((r) => [r.stage, String(r.items), r.seconds.toFixed(2), String(r.perSecond), String(r.peakRssMb), r.ratio === undefined ? '' : `${r.ratio} × ${r.baseline}`]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  for (const line of [header, ...lines]) console.log(line.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printTable(await benchPages());
