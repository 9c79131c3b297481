// Rules-classifier throughput on one core (CPU seconds of this process). Classifies ≥100,000 tool definitions recombined from a
// small realistic set (the benign near-miss tools: short, ~130 characters), then 100,000 real crawled tools
// at their real sizes, against baselines measured in the same run: the classifier without the
// hostile checks, and a naive variant that compiles its regexes on every call.
// Run alone: node --import tsx test/bench/classifier-bench.ts
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { hostileDescription } from '../../classifiers/hostile/hostile-description.ts';
import { classifyWithRules } from '../../classifiers/rules-classifier.ts';
import type { ServerContext, ToolDefinition } from '../../src/types.ts';
import { BENIGN_TOOLS } from '../classifiers/benign-tools.ts';
import { LIVE_CORPUS } from '../classifiers/false-alarm-survey.ts';

export interface Row {
  stage: string;
  items: number;
  /** CPU seconds of this process (user + system): the one-core cost, whatever else the machine runs. */
  seconds: number;
  /** Wall-clock seconds, for reference: on a loaded machine this includes time spent waiting for a core. */
  wallSeconds: number;
  /** Items per CPU second. */
  perSecond: number;
  peakRssMb: number;
  baseline?: string;
  ratio?: number;
}

const ITEMS = 100_000;
const SERVERS: ServerContext[] = [
  { name: 'github', description: 'GitHub API' },
  { name: 'filesystem', description: 'Local file access' },
  { name: 'slack' },
  { name: 'stripe', description: 'Payments' },
  { name: 'postgres' },
  { name: 'playwright' },
];
const PREFIXES = ['', 'acme_', 'github.', 'svc-', 'v2/'];

/** Recombines names, descriptions and schemas so no two consecutive tools are identical. */
function makeTools(n: number): ToolDefinition[] {
  const base = BENIGN_TOOLS;
  const out: ToolDefinition[] = [];
  for (let i = 0; i < n; i++) {
    const a = base[i % base.length];
    const b = base[(i * 7 + 3) % base.length];
    if (a === undefined || b === undefined) continue;
    const tool: ToolDefinition = { name: `${PREFIXES[i % PREFIXES.length] ?? ''}${a.name}` };
    const desc = i % 11 === 0 ? undefined : i % 3 === 0 ? `${a.description ?? ''} ${b.description ?? ''}` : a.description;
    if (desc !== undefined) tool.description = desc;
    const schema = (i % 2 === 0 ? a : b).inputSchema;
    if (schema !== undefined) tool.inputSchema = schema;
    out.push(tool);
  }
  return out;
}

/** A distinct made-up word per index ("uqab", "uqac", …): no two tools, names or descriptions repeat. */
function uniqueWord(i: number): string {
  let w = '';
  for (let n = i; ; n = Math.floor(n / 26) - 1) {
    w = String.fromCharCode(97 + (n % 26)) + w;
    if (n < 26) break;
  }
  return `uq${w}`;
}

/** The same tools, each made unique by a distinct word at the end of its name and description. */
function makeUnique(tools: readonly ToolDefinition[]): ToolDefinition[] {
  return tools.map((t, i) => {
    const word = uniqueWord(i);
    // join() builds flat strings; a template literal would leave rope strings that the measured run flattens.
    const out: ToolDefinition = { ...t, name: [t.name, word].join('_') };
    if (t.description !== undefined) out.description = [t.description, word].join(' ');
    return out;
  });
}

/**
 * Real crawled tools (data/live: 1,959 tools of 115 servers) repeated to n, each with its own server.
 * Their sizes are real: median description ~150 characters, but some carry a 30 kB manual or a
 * 40 kB schema, and cost grows with text, so this is the rate a crawl's catalog sees.
 */
function liveTools(n: number): Array<{ tool: ToolDefinition; server: ServerContext }> {
  const lines = readFileSync(LIVE_CORPUS, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const servers = new Map<string, ServerContext>();
  const base = lines.map((l) => {
    const row = JSON.parse(l) as { tool: ToolDefinition; server: ServerContext };
    const server = servers.get(row.server.name) ?? row.server;
    servers.set(server.name, server);
    return { tool: row.tool, server };
  });
  return Array.from({ length: n }, (_, i) => base[i % base.length] as (typeof base)[number]);
}

function measure(stage: string, tools: readonly ToolDefinition[], fn: (t: ToolDefinition, i: number) => unknown): Row {
  let sink = 0;
  // Warm up the JIT on a slice so the timed run measures steady state.
  for (let i = 0; i < Math.min(2000, tools.length); i++) sink += fn(tools[i] as ToolDefinition, i) === undefined ? 0 : 1;
  let peak = process.memoryUsage().rss;
  // CPU time of this process, not wall time: other work on a shared machine does not count against us.
  const start = process.cpuUsage();
  const wallStart = performance.now();
  for (let i = 0; i < tools.length; i++) {
    sink += fn(tools[i] as ToolDefinition, i) === undefined ? 0 : 1;
    if ((i & 16383) === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const used = process.cpuUsage(start);
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const seconds = (used.user + used.system) / 1e6;
  peak = Math.max(peak, process.memoryUsage().rss);
  if (sink < 0) throw new Error('unreachable: keeps the result alive');
  return { stage, items: tools.length, seconds: round(seconds, 3), wallSeconds: round(wallSeconds, 3), perSecond: Math.round(tools.length / seconds), peakRssMb: round(peak / 1048576, 1) };
}

// The naive baseline: the same kind of phrase checks, but regexes built from strings on every call
// and the whole description lowercased and scanned per phrase.
const NAIVE_PHRASES = [
  'ignore (previous|prior|all) instructions', 'do not tell the user', 'you are now', 'secretly', '~/\\.ssh', 'id_rsa',
  '\\.env\\b', 'api[ _-]?keys?', 'https?://', '<important>', 'delete', 'remove', 'create', 'update', 'send', 'list',
  'get', 'search', 'execute', 'run', 'command', 'permanently', 'read-only', 'payment', 'refund', 'token', 'password',
  'publish', 'post', 'overwrite',
];
function naiveClassify(tool: ToolDefinition): number {
  const text = `${tool.name} ${tool.description ?? ''} ${JSON.stringify(tool.inputSchema ?? {})}`.toLowerCase();
  let score = 0;
  for (const p of NAIVE_PHRASES) if (new RegExp(`\\b${p}`, 'i').test(text)) score++;
  return score;
}

export async function benchClassifier(): Promise<Row[]> {
  const tools = makeTools(ITEMS);
  // Nothing is cached per tool or text: recombined inputs repeat, unique ones must run as fast.
  // Built up front, so both sets have aged alike in the heap when they are measured.
  const uniqueTools = makeUnique(tools);
  const server = (i: number): ServerContext | undefined => (i % 4 === 0 ? undefined : SERVERS[i % SERVERS.length]);
  const naive = measure('naive regex-per-call (baseline)', tools, (t) => naiveClassify(t));
  const labels = measure('rules, findings off (baseline)', tools, (t, i) => classifyWithRules(t, server(i), { skipFindings: true }));
  const hostile = measure('hostile checks only', tools, (t) => hostileDescription(t));
  const full = measure('rules classifier, full', tools, (t, i) => classifyWithRules(t, server(i)));
  const unique = measure('rules classifier, full, every tool unique', uniqueTools, (t, i) => classifyWithRules(t, server(i)));
  const live = liveTools(ITEMS);
  const liveLabels = measure('real crawled tools: rules, findings off', live.map((l) => l.tool), (t, i) => classifyWithRules(t, live[i]?.server, { skipFindings: true }));
  const liveFull = measure('real crawled tools: rules classifier, full', live.map((l) => l.tool), (t, i) => classifyWithRules(t, live[i]?.server));
  const withBaseline = (row: Row, base: Row): Row => ({ ...row, baseline: base.stage, ratio: round(row.perSecond / base.perSecond, 2) });
  return [
    naive,
    labels,
    withBaseline(hostile, labels),
    withBaseline(full, labels),
    withBaseline(unique, full),
    { ...withBaseline(full, naive), stage: 'rules classifier, full vs naive' },
    liveLabels,
    withBaseline(liveFull, liveLabels),
  ];
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await benchClassifier();
  const load = os.loadavg()[0] ?? 0;
  console.log(`node ${process.version}, one core, ${ITEMS.toLocaleString('en')} tools per stage; rates are per CPU second of this process (load average ${load.toFixed(1)} on ${os.availableParallelism()} cores)`);
  console.table(rows.map((r) => ({ ...r, perSecond: r.perSecond.toLocaleString('en') })));
}
