// The indexing pipeline without the network, on a synthetic catalog (src/pipeline/synthetic-catalog.ts)
// in a fresh database: store (bulk upserts), classify (rules, on worker threads, stored in bulk),
// build every server's policy (streamed from the database) and policy look-ups by tool name. Each
// stage is compared with the naive way, measured in the same run on a sample of the same catalog.
//   node --import tsx test/bench/pipeline-bench.ts --driver postgres --servers 50000
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/connect.ts';
import { findTool, policyForTool } from '../../src/policy/lookup-policy.ts';
import { readRealDefinitions, type SyntheticCatalogOptions } from '../../src/pipeline/synthetic-catalog.ts';
import { rulesClassifier } from '../../classifiers/rules-classifier.ts';
import { openBenchDatabase } from '../helpers/bench-database.ts';
import { startClassifyPool } from '../helpers/classify-pool.ts';
import { naiveClassify, naivePolicies, naiveStore, type Measured } from '../helpers/pipeline-baselines.ts';
import { buildAllPolicies, classifyCatalog, storeCatalog } from '../helpers/pipeline-stages.ts';
import { formatTable, peakRssMb, type BenchRow } from './bench-table.ts';

export interface PipelineBenchOptions {
  driver: 'pglite' | 'postgres';
  servers: number;
  /** Default: 20 per server (about the real catalog's mean). */
  tools?: number;
  /** PostgreSQL server to create the scratch database on (default: the test database's). */
  databaseUrl?: string;
  seed?: number;
  lookups?: number;
  /** Progress lines (stderr by default). */
  log?: (line: string) => void;
}

const GOLD = fileURLToPath(new URL('../../data/gold/tools.jsonl', import.meta.url));
const info = rulesClassifier.info;

export async function benchPipeline(options: PipelineBenchOptions): Promise<BenchRow[]> {
  const log = options.log ?? ((line: string) => console.error(line));
  const tools = options.tools ?? options.servers * 20;
  const catalog: SyntheticCatalogOptions = { definitions: await readRealDefinitions(GOLD), seed: options.seed ?? 42, servers: options.servers, tools };
  const database = await openBenchDatabase(options.driver, options.databaseUrl);
  const pool = startClassifyPool(Math.max(1, availableParallelism()));
  const { db } = database;
  const rows: BenchRow[] = [];
  const tag = `${options.driver}, ${tools.toLocaleString('en-US')} tools`;
  const sample = Math.max(20, Math.min(500, Math.round(options.servers / 100)));
  try {
    log(`[pipeline ${tag}] naive store of ${sample} servers…`);
    const naiveStored = await naiveStore(db, catalog, sample);
    log(`[pipeline ${tag}] store…`);
    const stored = await storeCatalog(db, catalog, options.driver === 'postgres' ? 2 : 1);
    rows.push(row(`${tag}: store (bulk upserts)`, stored.tools, stored.seconds, naiveStored, 'saveSnapshot, one server per transaction'));
    rows.push(row(`${tag}: of which generating the synthetic catalog`, stored.tools, stored.generateSeconds));

    log(`[pipeline ${tag}] naive classify of ${sample} servers…`);
    const naiveLabelled = await naiveClassify(db, sample);
    log(`[pipeline ${tag}] classify on ${pool.size} worker threads…`);
    const labelled = await classifyCatalog(db, pool);
    rows.push(row(`${tag}: classify (rules, ${pool.size} workers, bulk upserts)`, labelled.items, labelled.seconds, naiveLabelled, 'per server: missing keys, fetch, classify, save (run-index)'));

    log(`[pipeline ${tag}] policies…`);
    const naiveBuilt = await naivePolicies(db, sample);
    const built = await buildAllPolicies(db);
    rows.push(row(`${tag}: whole-server policies (streamed)`, built.servers, built.seconds, naiveBuilt, 'one catalog query per server'));

    log(`[pipeline ${tag}] look-ups…`);
    const looked = await lookups(db, stored.samples.slice(0, options.lookups ?? 2000));
    const scanned = await lookups(db, stored.samples.slice(0, options.driver === 'postgres' ? 10 : 20), true);
    rows.push({ ...row(`${tag}: policy look-up by tool name`, looked.items, looked.seconds, scanned, 'same look-up with index scans off'), p50Ms: looked.p50, p99Ms: looked.p99 });

    const total = stored.seconds + labelled.seconds + built.seconds + looked.seconds;
    const naiveTotal = stored.tools / rate(naiveStored) + labelled.items / rate(naiveLabelled) + built.servers / rate(naiveBuilt);
    rows.push({
      stage: `${tag}: whole pipeline (store + classify + policies + look-ups)`,
      items: stored.tools,
      seconds: total,
      perSecond: stored.tools / total,
      peakRssMb: peakRssMb(),
      baseline: `naive stages, extrapolated: ${Math.round(naiveTotal)} s`,
      ratio: naiveTotal / total,
    });
    return rows;
  } finally {
    await pool.close();
    await database.dispose();
  }
}

const rate = (m: Measured) => m.items / Math.max(m.seconds, 1e-9);

function row(stage: string, items: number, seconds: number, baseline?: Measured, baselineName?: string): BenchRow {
  const perSecond = items / Math.max(seconds, 1e-9);
  const out: BenchRow = { stage, items, seconds, perSecond, peakRssMb: peakRssMb() };
  if (baseline !== undefined) {
    out.baseline = `${baselineName ?? 'naive'} (${Math.round(rate(baseline)).toLocaleString('en-US')}/s on ${baseline.items})`;
    out.ratio = perSecond / rate(baseline);
  }
  return out;
}

/** `server/tool` look-ups, one after another, each building the tool's policy; latencies in ms. */
async function lookups(db: Db, samples: { serverId: string; name: string }[], scan = false): Promise<Measured & { p50: number; p99: number }> {
  const times: number[] = [];
  const once = async (target: Db, s: { serverId: string; name: string }) => {
    const t = performance.now();
    const found = await findTool(target, info, s.name, s.serverId);
    const match = found.matches[0];
    if (match === undefined) throw new Error(`look-up of ${s.serverId}/${s.name} found nothing`);
    JSON.stringify(policyForTool(match));
    times.push(performance.now() - t);
  };
  const started = performance.now();
  for (const s of samples) {
    if (!scan) await once(db, s);
    else {
      // The baseline: the same query when the planner may not use an index (a catalog-sized scan).
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_indexscan = off`);
        await tx.execute(sql`set local enable_bitmapscan = off`);
        await once(tx, s);
      });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { items: samples.length, seconds, p50: at(0.5), p99: at(0.99) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const driver = arg('driver') === 'pglite' ? 'pglite' : 'postgres';
  const servers = Number(arg('servers') ?? 2000);
  const tools = arg('tools');
  const url = arg('database-url') ?? process.env['DATABASE_URL'];
  const rows = await benchPipeline({ driver, servers, ...(tools ? { tools: Number(tools) } : {}), ...(url ? { databaseUrl: url } : {}) });
  console.log(formatTable(rows));
}
