// A seeded, deterministic synthetic catalog for scale benchmarks: tens of thousands of servers and
// about a million tools recombined from real tool definitions (renamed, reworded, parameters added or
// dropped), with a long-tailed number of tools per server. It streams batches so a caller never holds
// the catalog in memory; only one number per server (its tool count) is kept, so the total is exact.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { CrawlResult, CrawlStatus, ServerCandidate, ToolDefinition } from '../types.ts';

/** A real tool definition and the server it came from (e.g. one line of data/gold/tools.jsonl). */
export interface RealDefinition {
  server: { id: string; name: string; description?: string };
  tool: ToolDefinition;
}

export interface SyntheticServer {
  candidate: ServerCandidate;
  result: CrawlResult;
}

export interface SyntheticCatalogOptions {
  definitions: readonly RealDefinition[];
  seed?: number;
  /** Default 50,000. */
  servers?: number;
  /** Total tools over the servers whose crawl succeeded; default 1,000,000. */
  tools?: number;
  /** Servers per yielded batch; default 500. */
  batchSize?: number;
  /** Share of tools copied verbatim from a real definition (shared across servers); default 0.08. */
  duplicateRate?: number;
  /** Share of servers whose crawl failed (no tools); default 0.02. */
  failureRate?: number;
  /** Cap on one server's tools; default 1,000. */
  maxToolsPerServer?: number;
}

const goldLine = z.object({
  server: z.object({ id: z.string().min(1), name: z.string().min(1), description: z.string().optional() }),
  tool: z.object({
    name: z.string().min(1),
    title: z.string().optional(),
    description: z.string().optional(),
    inputSchema: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** Reads `{server, tool}` JSON lines; other fields (labels) are ignored, malformed lines skipped. */
export async function readRealDefinitions(file: string): Promise<RealDefinition[]> {
  const out: RealDefinition[] = [];
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      continue;
    }
    const parsed = goldLine.safeParse(json);
    if (!parsed.success) continue;
    const { server, tool } = parsed.data;
    const def: ToolDefinition = { name: tool.name };
    if (tool.title !== undefined) def.title = tool.title;
    if (tool.description !== undefined) def.description = tool.description;
    if (tool.inputSchema !== undefined) def.inputSchema = tool.inputSchema;
    out.push({
      server: server.description === undefined ? { id: server.id, name: server.name } : { id: server.id, name: server.name, description: server.description },
      tool: def,
    });
  }
  return out;
}

/** mulberry32: a tiny, fast, seedable PRNG; the same seed always gives the same catalog. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAILURES: CrawlStatus[] = ['timeout', 'crashed', 'install_failed', 'auth_required', 'protocol_error'];
const SERVER_FLAVOURS = ['Bridge', 'Connector', 'Tools', 'Gateway', 'Suite', 'Toolkit', 'Hub', 'Lite', 'Pro', 'Server'];
const SERVER_NOTES = ['Community maintained.', 'Self-hosted edition.', 'Unofficial fork with extra tools.', 'Enterprise build.', ''];
const NOUN_SUFFIXES = ['v2', 'item', 'entry', 'record', 'batch', 'async', 'raw', 'by_id', 'all', 'details', 'summary', 'bulk'];
const PREFIXES = ['ws', 'team', 'org', 'my', 'admin', 'project', 'local', 'remote'];
const VERB_SWAPS: Record<string, string> = {
  get: 'fetch', fetch: 'get', list: 'enumerate', search: 'find', find: 'search', create: 'add', add: 'create',
  delete: 'remove', remove: 'delete', update: 'modify', modify: 'update', read: 'get', write: 'save', send: 'post',
  run: 'execute', execute: 'run', set: 'configure',
};
const LEADS = ['Use this tool to', 'This tool will', 'Lets the agent', 'Call to'];
const TAILS = ['Returns JSON.', 'Results are paginated.', 'Requires an API token.', 'Rate limited by the upstream API.', 'Works on the current workspace.'];
const EXTRA_PARAMS: [string, Record<string, unknown>][] = [
  ['limit', { type: 'integer', description: 'Maximum number of results' }],
  ['cursor', { type: 'string', description: 'Pagination cursor' }],
  ['workspace_id', { type: 'string', description: 'Workspace to act on' }],
  ['dry_run', { type: 'boolean', description: 'Only report what would change' }],
  ['timeout_ms', { type: 'integer', description: 'Give up after this many milliseconds' }],
  ['verbose', { type: 'boolean' }],
  ['tags', { type: 'array', items: { type: 'string' } }],
];

export async function* syntheticCatalog(options: SyntheticCatalogOptions): AsyncGenerator<SyntheticServer[]> {
  const defs = options.definitions;
  if (defs.length === 0) throw new RangeError('syntheticCatalog needs at least one real definition');
  const rng = mulberry32(options.seed ?? 1);
  const serverCount = options.servers ?? 50_000;
  const counts = toolCounts(rng, serverCount, options.tools ?? 1_000_000, options.failureRate ?? 0.02, options.maxToolsPerServer ?? 1000);
  const bases = groupByServer(defs);
  const duplicateRate = options.duplicateRate ?? 0.08;
  const batchSize = options.batchSize ?? 500;
  let batch: SyntheticServer[] = [];
  for (let i = 0; i < serverCount; i += 1) {
    const base = pick(rng, bases);
    const count = counts[i] ?? 0;
    const candidate = syntheticCandidate(rng, i, base[0]?.server ?? { id: 'x', name: 'X' });
    const result: CrawlResult = count < 0
      ? { status: pick(rng, FAILURES), error: 'synthetic failure', stderrTail: '', tools: [], droppedTools: [], timings: { totalMs: 1000 + Math.floor(rng() * 29_000) } }
      : {
          status: 'ok',
          stderrTail: '',
          serverVersion: `1.${i % 17}.0`,
          protocolVersion: '2025-06-18',
          serverInfo: { name: candidate.id, version: `1.${i % 17}.0` },
          tools: serverTools(rng, count, base, defs, duplicateRate, candidate.name),
          droppedTools: [],
          timings: { totalMs: 200 + Math.floor(rng() * 4800) },
        };
    batch.push({ candidate, result });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Log-normal tools per server (median ≈ a third of the mean; a few servers with hundreds), scaled
 * so the total is exactly `tools`. A failed crawl is marked -1.
 */
function toolCounts(rng: () => number, servers: number, tools: number, failureRate: number, max: number): Int32Array {
  const raw = new Float64Array(servers);
  let okServers = 0;
  let sum = 0;
  for (let i = 0; i < servers; i += 1) {
    if (rng() < failureRate) {
      raw[i] = -1;
      continue;
    }
    const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    raw[i] = Math.exp(1.3 * z);
    sum += raw[i] ?? 0;
    okServers += 1;
  }
  const cap = Math.max(max, Math.ceil(tools / Math.max(1, okServers)));
  const floor = tools >= okServers ? 1 : 0;
  const counts = new Int32Array(servers);
  let total = 0;
  for (let i = 0; i < servers; i += 1) {
    const r = raw[i] ?? -1;
    counts[i] = r < 0 ? -1 : Math.min(cap, Math.max(floor, Math.round((r * tools) / sum)));
    if (r >= 0) total += counts[i] ?? 0;
  }
  // Rounding leaves the total a little off: nudge random servers until it is exact.
  for (let guard = 0; total !== tools && okServers > 0 && guard < 100 * servers; guard += 1) {
    const i = Math.floor(rng() * servers);
    const c = counts[i] ?? -1;
    if (c < 0) continue;
    if (total < tools && c < cap) {
      counts[i] = c + 1;
      total += 1;
    } else if (total > tools && c > floor) {
      counts[i] = c - 1;
      total -= 1;
    }
  }
  return counts;
}

function groupByServer(defs: readonly RealDefinition[]): RealDefinition[][] {
  const groups = new Map<string, RealDefinition[]>();
  for (const d of defs) groups.set(d.server.id, [...(groups.get(d.server.id) ?? []), d]);
  return [...groups.values()];
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

function syntheticCandidate(rng: () => number, i: number, base: RealDefinition['server']): ServerCandidate {
  const id = `syn-${i.toString(36).padStart(4, '0')}`;
  const name = `${base.name} ${pick(rng, SERVER_FLAVOURS)} ${i}`;
  const note = pick(rng, SERVER_NOTES);
  const description = [base.description ?? '', note].filter((s) => s !== '').join(' ');
  const candidate: ServerCandidate = {
    id,
    name,
    source: 'synthetic',
    version: `1.${i % 17}.0`,
    launch: { transport: 'stdio', npmPackage: `@synthetic/${base.id}-${i}`, args: [], env: {} },
  };
  if (description !== '') candidate.description = description;
  return candidate;
}

function serverTools(rng: () => number, count: number, base: readonly RealDefinition[], all: readonly RealDefinition[], duplicateRate: number, serverName: string): ToolDefinition[] {
  const tools: ToolDefinition[] = [];
  const names = new Set<string>();
  for (let j = 0; j < count; j += 1) {
    // Mostly the base server's own tools, as a fork or a wrapper of it would list.
    const ref = (rng() < 0.7 && base.length > 0 ? pick(rng, base) : pick(rng, all)).tool;
    let tool = rng() < duplicateRate && !names.has(ref.name) ? ref : mutate(rng, ref, serverName);
    if (names.has(tool.name)) tool = { ...tool, name: `${tool.name}_${j}` };
    names.add(tool.name);
    tools.push(tool);
  }
  return tools;
}

/** A new definition from a real one; nested schema objects are shared, never modified. */
function mutate(rng: () => number, ref: ToolDefinition, serverName: string): ToolDefinition {
  const tool: ToolDefinition = { name: rename(rng, ref.name) };
  if (ref.title !== undefined && rng() < 0.7) tool.title = ref.title;
  const description = reword(rng, ref.description ?? '', serverName);
  if (description !== '') tool.description = description;
  const schema = reshape(rng, ref.inputSchema);
  if (schema !== undefined) tool.inputSchema = schema;
  return tool;
}

function rename(rng: () => number, name: string): string {
  const roll = rng();
  if (roll < 0.3) return name;
  if (roll < 0.6) return `${name}_${pick(rng, NOUN_SUFFIXES)}`;
  if (roll < 0.8) return `${pick(rng, PREFIXES)}_${name}`;
  const match = /^([a-z]+)([_-]?)(.*)$/i.exec(name);
  const swap = match?.[1] === undefined ? undefined : VERB_SWAPS[match[1].toLowerCase()];
  return swap === undefined || match === null ? `${name}_${pick(rng, NOUN_SUFFIXES)}` : `${swap}${match[2] ?? ''}${match[3] ?? ''}`;
}

function reword(rng: () => number, description: string, serverName: string): string {
  let text = description;
  const roll = rng();
  if (roll < 0.25 && text !== '') text = `${pick(rng, LEADS)} ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  else if (roll < 0.5) text = `${text} ${pick(rng, TAILS)}`.trim();
  // Most definitions name their server somewhere, which is what makes them unique in real catalogs.
  if (rng() < 0.85) text = `${text} (${serverName})`.trim();
  return text;
}

function reshape(rng: () => number, schema: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const roll = rng();
  if (roll < 0.4) return schema;
  const base = schema ?? { type: 'object' };
  const given = base['properties'];
  const properties: Record<string, unknown> = isRecord(given) ? { ...given } : {};
  const required: unknown[] = Array.isArray(base['required']) ? base['required'] : [];
  if (roll < 0.8) {
    const [name, prop] = pick(rng, EXTRA_PARAMS);
    properties[name] = prop;
  } else {
    const optional = Object.keys(properties).filter((k) => !required.includes(k));
    if (optional.length === 0) return schema;
    delete properties[pick(rng, optional)];
  }
  return { ...base, properties };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
