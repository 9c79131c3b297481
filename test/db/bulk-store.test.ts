import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { bulkSaveClassifications, bulkStore } from '../../src/db/bulk-store.ts';
import { listCatalogTools } from '../../src/db/catalog-repo.ts';
import type { Db } from '../../src/db/connect.ts';
import { rowsOf } from '../../src/db/migration-status.ts';
import { createRun } from '../../src/db/runs-repo.ts';
import { upsertServers } from '../../src/db/servers-repo.ts';
import { saveSnapshot } from '../../src/db/snapshots-repo.ts';
import { readRealDefinitions, syntheticCatalog, type RealDefinition, type SyntheticServer } from '../../src/pipeline/synthetic-catalog.ts';
import { rulesClassifier, classifyWithRules } from '../../classifiers/rules-classifier.ts';
import { describeEachDriver, openTestDatabase } from '../helpers/databases.ts';

const goldFile = fileURLToPath(new URL('../../data/gold/tools.jsonl', import.meta.url));
const STARTED = new Date('2026-01-02T03:04:05Z');

async function collect(definitions: RealDefinition[], options: { seed: number; servers: number; tools: number; batchSize?: number }): Promise<SyntheticServer[][]> {
  const batches: SyntheticServer[][] = [];
  for await (const batch of syntheticCatalog({ definitions, ...options })) batches.push(batch);
  return batches;
}

/** Everything a store writes, with database-assigned ids replaced by the server they belong to. */
async function dump(db: Db) {
  const q = async (query: ReturnType<typeof sql>) => JSON.parse(JSON.stringify(rowsOf(await db.execute(query)))) as unknown;
  return {
    servers: await q(sql`select s.id, s.name, s.description, s.context_hash, s.launch, cs.server_id as latest_of from servers s left join crawl_snapshots cs on cs.id = s.latest_snapshot_id order by s.id`),
    snapshots: await q(sql`select server_id, status, error, tool_count, definition_hash, timings, started_at, finished_at, server_info, dropped_tools from crawl_snapshots order by server_id`),
    definitions: await q(sql`select definition_hash, name, title, description, input_schema, output_schema, annotations from tool_definitions order by definition_hash`),
    snapshotTools: await q(sql`select cs.server_id, st.position, st.definition_hash from snapshot_tools st join crawl_snapshots cs on cs.id = st.snapshot_id order by 1, 2`),
  };
}

describe('synthetic catalog', () => {
  let definitions: RealDefinition[] = [];
  before(async () => {
    definitions = await readRealDefinitions(goldFile);
  });

  it('reads the real definitions', () => {
    assert.ok(definitions.length >= 400, `only ${definitions.length} definitions`);
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const a = JSON.stringify(await collect(definitions, { seed: 3, servers: 200, tools: 4000, batchSize: 64 }));
    const b = JSON.stringify(await collect(definitions, { seed: 3, servers: 200, tools: 4000, batchSize: 64 }));
    const c = JSON.stringify(await collect(definitions, { seed: 4, servers: 200, tools: 4000, batchSize: 64 }));
    assert.equal(a, b);
    assert.notEqual(a, c);
  });

  it('streams batches with an exact total, a long tail, unique names per server and mostly unique definitions', async () => {
    const batches = await collect(definitions, { seed: 11, servers: 2000, tools: 40_000, batchSize: 250 });
    assert.equal(batches.length, 8);
    const all = batches.flat();
    const counts = all.filter((s) => s.result.status === 'ok').map((s) => s.result.tools.length).sort((x, y) => x - y);
    assert.equal(counts.reduce((x, y) => x + y, 0), 40_000);
    const median = counts[Math.floor(counts.length / 2)] ?? 0;
    const max = counts.at(-1) ?? 0;
    assert.ok(median < 20, `median ${median} should sit well below the mean of ~20`);
    assert.ok(max >= 200, `largest server has ${max} tools; a long tail reaches hundreds`);
    assert.ok(all.some((s) => s.result.status !== 'ok'), 'some crawls fail');
    const keys = new Map<string, number>();
    for (const s of all) {
      const names = s.result.tools.map((t) => t.name);
      assert.equal(new Set(names).size, names.length, `${s.candidate.id} lists a name twice`);
      for (const t of s.result.tools) {
        const key = JSON.stringify(t);
        keys.set(key, (keys.get(key) ?? 0) + 1);
      }
    }
    const shared = [...keys.values()].filter((n) => n > 1).length;
    assert.ok(keys.size > 0.8 * 40_000, `${keys.size} distinct definitions`);
    assert.ok(shared > 0, 'some definitions are shared verbatim across servers');
  });
});

describeEachDriver('bulk store', (driver) => {
  let naive: Awaited<ReturnType<typeof openTestDatabase>>;
  let bulk: Awaited<ReturnType<typeof openTestDatabase>>;
  let servers: SyntheticServer[] = [];

  before(async () => {
    naive = await openTestDatabase(driver);
    bulk = await openTestDatabase(driver);
    // Few base definitions and a high duplicate rate, so definitions repeat within and across servers.
    const definitions = (await readRealDefinitions(goldFile)).slice(0, 40);
    servers = (await collect(definitions, { seed: 5, servers: 40, tools: 600, batchSize: 1000 })).flat();
  });
  after(async () => {
    await naive?.dispose();
    await bulk?.dispose();
  });

  it('writes the same rows as saveSnapshot, and is idempotent', async () => {
    await upsertServers(naive.db, servers.map((s) => s.candidate));
    const naiveRun = await createRun(naive.db, [], {});
    for (const s of servers) await saveSnapshot(naive.db, { runId: naiveRun.id, serverId: s.candidate.id, result: s.result, startedAt: STARTED });

    const run = await createRun(bulk.db, [], {});
    const crawls = servers.map((s) => ({ ...s, startedAt: STARTED }));
    const first = await bulkStore(bulk.db, { runId: run.id, crawls });
    const tools = servers.reduce((n, s) => n + s.result.tools.length, 0);
    assert.equal(first.saved.size, servers.length);
    assert.equal(first.tools, tools);

    const expected = await dump(naive.db);
    assert.deepEqual(await dump(bulk.db), expected);
    assert.ok(expected.definitions instanceof Array && expected.definitions.length < tools, 'definitions are deduplicated');
    assert.equal(first.newDefinitions, (expected.definitions as unknown[]).length);

    const second = await bulkStore(bulk.db, { runId: run.id, crawls });
    assert.equal(second.saved.size, 0);
    assert.equal(second.newDefinitions, 0);
    assert.deepEqual(await dump(bulk.db), expected);
  });

  it('shows the stored tools, with bulk-saved labels, in the catalog', async () => {
    const ok = servers.filter((s) => s.result.status === 'ok');
    const contextRows = rowsOf(await bulk.db.execute(sql`select id, context_hash from servers`));
    const contextOf = new Map(contextRows.map((r) => [String(r['id']), String(r['context_hash'])]));
    const hashRows = rowsOf(await bulk.db.execute(sql`select cs.server_id, st.position, st.definition_hash from snapshot_tools st join crawl_snapshots cs on cs.id = st.snapshot_id`));
    const hashOf = new Map(hashRows.map((r) => [`${String(r['server_id'])}#${String(r['position'])}`, String(r['definition_hash'])]));
    const labelled = ok.flatMap((s) =>
      s.result.tools.map((tool, i) => ({
        definitionHash: hashOf.get(`${s.candidate.id}#${i}`) ?? '',
        contextHash: contextOf.get(s.candidate.id) ?? '',
        classification: classifyWithRules(tool, { name: s.candidate.name }),
      })),
    );
    await bulkSaveClassifications(bulk.db, rulesClassifier.info, labelled);
    await bulkSaveClassifications(bulk.db, rulesClassifier.info, labelled); // an upsert: no duplicate-key error

    const catalog = await listCatalogTools(bulk.db, { classifier: rulesClassifier.info });
    const expected = [...ok].sort((a, b) => (a.candidate.id < b.candidate.id ? -1 : 1)).flatMap((s) => s.result.tools.map((t) => `${s.candidate.id}/${t.name}`));
    assert.deepEqual(catalog.map((t) => `${t.serverId}/${t.tool.name}`), expected);
    assert.ok(catalog.every((t) => t.label !== null), 'every tool has its label');
  });
});
