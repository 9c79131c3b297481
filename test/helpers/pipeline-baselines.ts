// The naive baselines the pipeline benchmark compares against, measured in the same run on a sample
// of the same catalog: what the pipeline did before bulk storage — one server per transaction
// (`saveSnapshot`), labels fetched and saved per server (as run-index's classifyNew), and one
// catalog query per server for its policy.
import { asc, isNotNull } from 'drizzle-orm';
import { buildPolicy, type ClassifiedTool } from '../../src/policy/build-policy.ts';
import { listCatalogTools, toToolDefinition } from '../../src/db/catalog-repo.ts';
import { missingClassifications, saveClassifications } from '../../src/db/classifications-repo.ts';
import type { Db } from '../../src/db/connect.ts';
import { createRun } from '../../src/db/runs-repo.ts';
import { serverContextOf, upsertServers } from '../../src/db/servers-repo.ts';
import { servers as serversTable } from '../../src/db/schema.ts';
import { definitionsByHash, saveSnapshot, toolsOfSnapshot } from '../../src/db/snapshots-repo.ts';
import { serverContextHash } from '../../src/definition-hash.ts';
import { syntheticCatalog, type SyntheticCatalogOptions, type SyntheticServer } from '../../src/pipeline/synthetic-catalog.ts';
import { rulesClassifier } from '../../classifiers/rules-classifier.ts';

export interface Measured {
  items: number;
  seconds: number;
}

const info = rulesClassifier.info;

/** The first `servers` servers of the catalog, stored row by row: one server per transaction. */
export async function naiveStore(db: Db, catalog: SyntheticCatalogOptions, servers: number): Promise<Measured> {
  const sample: SyntheticServer[] = [];
  for await (const batch of syntheticCatalog({ ...catalog, batchSize: Math.min(servers, 500) })) {
    sample.push(...batch.slice(0, servers - sample.length));
    if (sample.length >= servers) break;
  }
  const started = performance.now();
  await upsertServers(db, sample.map((s) => s.candidate));
  const run = await createRun(db, [], { baseline: true });
  let items = 0;
  for (const { candidate, result } of sample) {
    await saveSnapshot(db, { runId: run.id, serverId: candidate.id, result, startedAt: new Date() });
    items += result.tools.length;
  }
  return { items, seconds: (performance.now() - started) / 1000 };
}

async function firstServers(db: Db, servers: number) {
  const table = serversTable;
  return db
    .select({ id: table.id, name: table.name, description: table.description, latestSnapshotId: table.latestSnapshotId })
    .from(table)
    .where(isNotNull(table.latestSnapshotId))
    .orderBy(asc(table.id))
    .limit(servers);
}

/** Labels for the first `servers` servers, one server at a time: missing keys, fetch, classify, save. */
export async function naiveClassify(db: Db, servers: number): Promise<Measured> {
  const sample = await firstServers(db, servers);
  const started = performance.now();
  let items = 0;
  for (const server of sample) {
    const context = serverContextOf({ name: server.name, description: server.description });
    const contextHash = serverContextHash(context);
    const hashes = (await toolsOfSnapshot(db, server.latestSnapshotId ?? 0)).map((d) => d.definitionHash);
    const missing = await missingClassifications(db, info, [...new Set(hashes)].map((definitionHash) => ({ definitionHash, contextHash })));
    const rows = await definitionsByHash(db, missing.map((k) => k.definitionHash));
    const labelled = rows.map((row) => ({ definitionHash: row.definitionHash, contextHash, classification: rulesClassifier.classify(toToolDefinition(row), context) }));
    const resolved = await Promise.all(labelled.map(async (l) => ({ ...l, classification: await l.classification })));
    await saveClassifications(db, info, resolved);
    items += resolved.length;
  }
  return { items, seconds: (performance.now() - started) / 1000 };
}

/** Whole-server policies for the first `servers` servers, one catalog query per server. */
export async function naivePolicies(db: Db, servers: number): Promise<Measured> {
  const sample = await firstServers(db, servers);
  const started = performance.now();
  for (const server of sample) {
    const tools = await listCatalogTools(db, { classifier: info, serverId: server.id });
    const classified: ClassifiedTool[] = tools.flatMap((t) => (t.label ? [{ name: t.tool.name, classification: t.label }] : []));
    JSON.stringify(buildPolicy(classified));
  }
  return { items: sample.length, seconds: (performance.now() - started) / 1000 };
}
