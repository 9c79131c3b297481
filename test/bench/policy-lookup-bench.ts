// Policy look-up latency with a large catalog in PostgreSQL: in-process and over HTTP on loopback
// (sequential, keep-alive), against baselines measured in the same run: the same look-up by a column
// with no index (what a catalog-sized scan costs), and a new database connection per look-up.
//   node --import tsx test/bench/policy-lookup-bench.ts --tools 1000000 [--keep-database NAME]
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { getPolicy } from '../../src/api/get-policy.ts';
import { createHttpServer } from '../../src/api/http-server.ts';
import { loadConfig } from '../../src/config.ts';
import { labelOf } from '../../src/db/catalog-repo.ts';
import { connectDatabase, type Db } from '../../src/db/connect.ts';
import { classifications, servers, snapshotTools, toolDefinitions } from '../../src/db/schema.ts';
import { rulesClassifier } from '../../classifiers/rules-classifier.ts';
import { POSTGRES_URL } from '../helpers/databases.ts';
import { loadSyntheticCatalog, type SyntheticCatalog } from '../helpers/synthetic-catalog.ts';
import { formatTable, peakRssMb, type BenchRow } from './bench-table.ts';

export type Row = BenchRow;

const info = rulesClassifier.info;
const execFileAsync = promisify(execFile);

export interface PolicyBenchOptions {
  databaseUrl: string;
  tools: number;
  lookups?: number;
  /** Keep the catalog in this database and reuse it on the next run (loading 1M tools takes minutes). */
  keepDatabase?: string | undefined;
}

export async function benchPolicyLookup(options: PolicyBenchOptions): Promise<Row[]> {
  const lookups = options.lookups ?? 5000;
  const keep = options.keepDatabase;
  if (keep !== undefined && !/^[a-z_][a-z0-9_]*$/.test(keep)) throw new Error(`--keep-database must be a lowercase identifier, got ${keep}`);
  const name = keep ?? `mcp_risk_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
  const exists = (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
  if (!exists) await admin.unsafe(`create database ${name}`);
  const url = new URL(options.databaseUrl);
  url.pathname = `/${name}`;
  const database = await connectDatabase({ databaseUrl: url.toString(), pgliteDir: 'unused', migrationsDir: loadConfig().migrationsDir });
  try {
    const rows: Row[] = [];
    const started = performance.now();
    const reuse = exists && (await storedServers(database.db)) === Math.ceil(options.tools / 50);
    if (exists && !reuse) throw new Error(`database ${name} holds another catalog: drop it or pick another --keep-database name`);
    if (reuse && !(await labelledByThisVersion(database.db))) throw new Error(`database ${name} holds labels of another rules version than ${info.version}: drop it (dropdb ${name}) and run again`);
    const catalog = await loadSyntheticCatalog(database.db, { tools: options.tools, samples: lookups, write: !reuse });
    const loadSeconds = (performance.now() - started) / 1000;
    if (!reuse) {
      rows.push({ stage: `load ${catalog.servers} servers, ${catalog.tools} tools + labels (multi-row batches)`, items: catalog.tools, seconds: loadSeconds, perSecond: catalog.tools / loadSeconds, peakRssMb: peakRssMb() });
      // The look-ups run in a fresh process, as a served catalog's would: a process that has just
      // generated a million tools carries a heap whose collections land in the look-up tail.
      rows.push(...(await measureInChild(options, name, lookups)));
      return rows;
    }

    // A served catalog is queried by a process that did not just generate a million tools: collect
    // the loader's garbage now (when run with --expose-gc, as `npm run bench` is), so its old-space
    // collections do not land in the look-up tail.
    (globalThis as { gc?: () => void }).gc?.();
    const names = referenceForms(catalog);
    const scan = await timed(names.slice(0, 20), (tool) => scanLookup(database.db, tool.split('/').pop() ?? tool));
    const perConnection = await timed(names.slice(0, 100), async (tool) => {
      const fresh = await connectDatabase({ databaseUrl: url.toString(), pgliteDir: 'unused', migrationsDir: '', migrate: false });
      try {
        await getPolicy(fresh.db, info, { tool, format: 'v1', merge: false });
      } finally {
        await fresh.close();
      }
    });
    await timed(names.slice(0, 200), (tool) => getPolicy(database.db, info, { tool, format: 'v1', merge: false })); // warm-up
    const inProcess = await timed(names, (tool) => getPolicy(database.db, info, { tool, format: 'v1', merge: false }));
    const merged = await timed(Array(50).fill(catalog.sharedName) as string[], (tool) => getPolicy(database.db, info, { tool, format: 'v1', merge: true }));

    const api = createHttpServer({ db: database.db, classifier: info });
    const base = await api.listen({ port: 0 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const path = (tool: string) => `/v1/policy?tool=${encodeURIComponent(tool)}`;
      await timed(names.slice(0, 200), (tool) => httpGet(agent, base, path(tool)));
      const overHttp = await timed(names, (tool) => httpGet(agent, base, path(tool)));
      rows.push(
        stat(`baseline: look-up by lower(name), no index`, scan),
        stat(`baseline: new DB connection per look-up`, perConnection),
        { ...stat('policy look-up in-process (indexed name)', inProcess), baseline: 'lower(name) scan, p50', ratio: scan.p50 / inProcess.p50 },
        { ...stat('policy look-up over HTTP, loopback keep-alive', overHttp), baseline: 'new DB connection per look-up, p50', ratio: perConnection.p50 / overHttp.p50 },
        stat(`merged policy over ${catalog.sharedBy} servers sharing a name, in-process`, merged),
      );
    } finally {
      agent.destroy();
      await api.close();
    }
    return rows;
  } finally {
    await database.close();
    if (keep === undefined) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

async function measureInChild(options: PolicyBenchOptions, database: string, lookups: number): Promise<Row[]> {
  const args = ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--tools', String(options.tools), '--lookups', String(lookups), '--keep-database', database, '--database-url', options.databaseUrl, '--json'];
  const { stdout } = await execFileAsync(process.execPath, args, { maxBuffer: 16 * 2 ** 20 });
  const last = stdout.trim().split('\n').pop() ?? '[]';
  return JSON.parse(last) as Row[];
}

async function storedServers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(servers);
  return row?.n ?? 0;
}

async function labelledByThisVersion(db: Db): Promise<boolean> {
  const rows = await db.select({ one: sql<number>`1` }).from(classifications).where(eq(classifications.classifierVersion, info.version)).limit(1);
  return rows.length > 0;
}

/** Every form a user types, round-robin: bare, server/tool and mcp__server__tool. */
function referenceForms(catalog: SyntheticCatalog): string[] {
  return catalog.samples.map((s, i) => (i % 3 === 0 ? s.name : i % 3 === 1 ? `${s.serverId}/${s.name}` : `mcp__${s.serverId}__${s.name}`));
}

interface Timing {
  items: number;
  seconds: number;
  p50: number;
  p99: number;
}

async function timed(inputs: readonly string[], fn: (input: string) => Promise<unknown>): Promise<Timing> {
  const samples: number[] = [];
  const started = performance.now();
  for (const input of inputs) {
    const t0 = performance.now();
    await fn(input);
    samples.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.max(0, Math.ceil(q * samples.length) - 1))] ?? 0;
  return { items: inputs.length, seconds, p50: at(0.5), p99: at(0.99) };
}

function stat(stage: string, t: Timing): Row {
  return { stage, items: t.items, seconds: t.seconds, perSecond: t.items / t.seconds, peakRssMb: peakRssMb(), p50Ms: t.p50, p99Ms: t.p99 };
}

/** The catalog query of a look-up, but on an expression no index covers: it must read every name. */
async function scanLookup(db: Db, tool: string): Promise<void> {
  await db
    .select({ serverId: servers.id, def: toolDefinitions, label: classifications })
    .from(servers)
    .innerJoin(snapshotTools, eq(snapshotTools.snapshotId, servers.latestSnapshotId))
    .innerJoin(toolDefinitions, eq(toolDefinitions.definitionHash, snapshotTools.definitionHash))
    .leftJoin(classifications, labelOf(toolDefinitions.definitionHash, info))
    .where(and(isNotNull(servers.latestSnapshotId), sql`lower(${toolDefinitions.name}) = ${tool.toLowerCase()}`));
}

function httpGet(agent: http.Agent, base: string, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${path}`, { agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`GET ${path}: HTTP ${res.statusCode ?? '?'}`))));
    });
    req.on('error', reject);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const flag = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const tools = Number(flag('--tools') ?? 100_000);
  if (!Number.isInteger(tools) || tools < 100) throw new Error(`--tools must be a whole number ≥ 100, got ${flag('--tools') ?? ''}`);
  const rows = await benchPolicyLookup({ databaseUrl: flag('--database-url') ?? POSTGRES_URL, tools, lookups: Number(flag('--lookups') ?? 5000), keepDatabase: flag('--keep-database') });
  console.log(process.argv.includes('--json') ? JSON.stringify(rows) : formatTable(rows));
}
