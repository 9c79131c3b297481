// Store many crawl results at once, with the same rows and semantics as `saveSnapshot` (idempotent
// per (run, server); definitions content-addressed, stored once). Each statement sends a whole batch
// as one JSON (or comma-joined) parameter and unpacks it server-side with jsonb_to_recordset /
// unnest, so there is no bind-parameter limit to chunk around and one round trip carries thousands
// of rows. Keys are written in sorted order so concurrent batches cannot deadlock on shared
// definitions.
import { sql } from 'drizzle-orm';
import { serverContextHash, toolDefinitionHash, toolSetHash } from '../definition-hash.ts';
import type { Classification, ClassifierInfo, CrawlResult, ServerCandidate } from '../types.ts';
import type { ClassificationKey } from './classifications-repo.ts';
import type { Db } from './connect.ts';
import { rowsOf } from './migration-status.ts';
import { serverContextOf } from './servers-repo.ts';
import type { SavedSnapshot } from './snapshots-repo.ts';
import { storableLaunch } from './servers-repo.ts';

export interface BulkCrawl {
  candidate: ServerCandidate;
  result: CrawlResult;
  startedAt: Date;
}

export interface BulkStoreResult {
  /** Per server whose snapshot was written by this call; servers already stored in the run are absent. */
  saved: Map<string, Pick<SavedSnapshot, 'snapshotId' | 'definitionHashes'>>;
  /** Tools listed by the snapshots written. */
  tools: number;
  /** Definitions the catalog had never seen before. */
  newDefinitions: number;
}

/** Rows per statement: large enough to amortise round trips, small enough to keep each JSON modest. */
const ROWS_PER_STATEMENT = 10_000;

/** Upsert the servers and store their crawls, in one transaction. */
export async function bulkStore(db: Db, input: { runId: string | null; crawls: readonly BulkCrawl[] }): Promise<BulkStoreResult> {
  return db.transaction(async (tx) => {
    await bulkUpsertServers(tx, input.crawls.map((c) => c.candidate));
    return bulkSaveSnapshots(tx, {
      runId: input.runId,
      crawls: input.crawls.map((c) => ({ serverId: c.candidate.id, result: c.result, startedAt: c.startedAt })),
    });
  });
}

/** `upsertServers` for many servers: credentials never reach the database, only variable names. */
export async function bulkUpsertServers(db: Db, candidates: readonly ServerCandidate[]): Promise<void> {
  // ON CONFLICT DO UPDATE may not touch a row twice in one statement: keep the last of each id.
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const rows = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((c) => {
    return {
      id: c.id,
      name: c.name,
      description: c.description,
      source: c.source,
      domain: c.domain,
      npm_package: c.launch.npmPackage,
      remote_url: c.launch.url,
      repository: c.repository,
      version: c.version ?? c.launch.npmVersion,
      context_hash: serverContextHash(serverContextOf(c)),
      launch: storableLaunch(c.launch),
    };
  });
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await db.execute(sql`
      insert into servers (id, name, description, source, domain, npm_package, remote_url, repository, version, context_hash, launch)
      select id, name, description, source, domain, npm_package, remote_url, repository, version, context_hash, launch
      from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT))}::jsonb) as x(
        id text, name text, description text, source text, domain text, npm_package text, remote_url text,
        repository text, version text, context_hash text, launch jsonb)
      on conflict (id) do update set name = excluded.name, description = excluded.description, source = excluded.source,
        domain = excluded.domain, npm_package = excluded.npm_package, remote_url = excluded.remote_url,
        repository = excluded.repository, version = excluded.version, context_hash = excluded.context_hash,
        launch = excluded.launch, updated_at = now()`);
  }
}

/**
 * `saveSnapshot` for many servers: snapshot rows, unseen definitions, snapshot tool lists and each
 * successful server's `latest_snapshot_id`. Call inside a transaction (as `bulkStore` does) to keep
 * a batch all-or-nothing.
 */
export async function bulkSaveSnapshots(
  db: Db,
  input: { runId: string | null; crawls: readonly { serverId: string; result: CrawlResult; startedAt: Date }[] },
): Promise<BulkStoreResult> {
  const crawls = [...new Map(input.crawls.map((c) => [c.serverId, c])).values()];
  const hashesOf = new Map(crawls.map((c) => [c.serverId, c.result.tools.map(toolDefinitionHash)]));
  const snapshotRows = crawls.map(({ serverId, result, startedAt }, k) => {
    const hashes = hashesOf.get(serverId) ?? [];
    return {
      k,
      server_id: serverId,
      status: result.status,
      error: result.error,
      stderr_tail: result.stderrTail || undefined,
      server_version: result.serverVersion,
      protocol_version: result.protocolVersion,
      server_info: result.serverInfo,
      instructions: result.instructions,
      tool_count: result.tools.length,
      dropped_tools: result.droppedTools.length > 0 ? result.droppedTools : undefined,
      prompts: result.prompts,
      resources: result.resources,
      definition_hash: result.status === 'ok' ? toolSetHash(hashes) : undefined,
      timings: result.timings,
      started_at: startedAt.toISOString(),
      finished_at: new Date(startedAt.getTime() + result.timings.totalMs).toISOString(),
    };
  });
  const inserted = new Map<string, number>();
  for (let i = 0; i < snapshotRows.length; i += ROWS_PER_STATEMENT) {
    const rows = rowsOf(
      await db.execute(sql`
        insert into crawl_snapshots (run_id, server_id, status, error, stderr_tail, server_version, protocol_version, server_info,
          instructions, tool_count, dropped_tools, prompts, resources, definition_hash, timings, started_at, finished_at)
        select ${input.runId}::text, server_id, status, error, stderr_tail, server_version, protocol_version, server_info,
          instructions, tool_count, dropped_tools, prompts, resources, definition_hash, timings, started_at, finished_at
        from jsonb_to_recordset(${JSON.stringify(snapshotRows.slice(i, i + ROWS_PER_STATEMENT))}::jsonb) as x(
          k int, server_id text, status text, error text, stderr_tail text, server_version text, protocol_version text,
          server_info jsonb, instructions text, tool_count int, dropped_tools jsonb, prompts jsonb, resources jsonb,
          definition_hash text, timings jsonb, started_at timestamptz, finished_at timestamptz)
        order by k
        on conflict do nothing
        returning id, server_id`),
    );
    for (const row of rows) inserted.set(String(row['server_id']), Number(row['id']));
  }

  const written = crawls.filter((c) => inserted.has(c.serverId));
  const definitions = new Map<string, Record<string, unknown>>();
  for (const { serverId, result } of written) {
    const hashes = hashesOf.get(serverId) ?? [];
    result.tools.forEach((tool, i) => {
      const hash = hashes[i];
      if (hash === undefined || definitions.has(hash)) return;
      definitions.set(hash, {
        definition_hash: hash,
        name: tool.name,
        title: tool.title,
        description: tool.description,
        input_schema: tool.inputSchema,
        output_schema: tool.outputSchema,
        annotations: tool.annotations,
      });
    });
  }
  const sortedHashes = [...definitions.keys()].sort();
  let newDefinitions = 0;
  for (let i = 0; i < sortedHashes.length; i += ROWS_PER_STATEMENT) {
    const chunk = sortedHashes.slice(i, i + ROWS_PER_STATEMENT).map((h) => definitions.get(h));
    const rows = rowsOf(
      await db.execute(sql`
        with ins as (
          insert into tool_definitions (definition_hash, name, title, description, input_schema, output_schema, annotations)
          select definition_hash, name, title, description, input_schema, output_schema, annotations
          from json_to_recordset(${JSON.stringify(chunk)}::json) as x(
            definition_hash text, name text, title text, description text, input_schema jsonb, output_schema jsonb, annotations jsonb)
          on conflict do nothing
          returning 1)
        select count(*)::int as n from ins`),
    );
    newDefinitions += Number(rows[0]?.['n'] ?? 0);
  }

  // Snapshot tools as three comma-joined columns: ids, positions and hex hashes never contain commas.
  const ids: number[] = [];
  const positions: number[] = [];
  const hashes: string[] = [];
  const saved: BulkStoreResult['saved'] = new Map();
  let tools = 0;
  for (const { serverId } of written) {
    const snapshotId = inserted.get(serverId) ?? 0;
    const list = hashesOf.get(serverId) ?? [];
    saved.set(serverId, { snapshotId, definitionHashes: list });
    tools += list.length;
    list.forEach((hash, position) => {
      ids.push(snapshotId);
      positions.push(position);
      hashes.push(hash);
    });
  }
  for (let i = 0; i < ids.length; i += 5 * ROWS_PER_STATEMENT) {
    const end = i + 5 * ROWS_PER_STATEMENT;
    await db.execute(sql`
      insert into snapshot_tools (snapshot_id, position, definition_hash)
      select * from unnest(string_to_array(${ids.slice(i, end).join(',')}, ',')::bigint[],
        string_to_array(${positions.slice(i, end).join(',')}, ',')::int[], string_to_array(${hashes.slice(i, end).join(',')}, ','))`);
  }

  const latest = written.filter((c) => c.result.status === 'ok').map((c) => ({ id: inserted.get(c.serverId), server_id: c.serverId }));
  latest.sort((a, b) => (a.server_id < b.server_id ? -1 : a.server_id > b.server_id ? 1 : 0));
  for (let i = 0; i < latest.length; i += ROWS_PER_STATEMENT) {
    await db.execute(sql`
      update servers s set latest_snapshot_id = x.id
      from jsonb_to_recordset(${JSON.stringify(latest.slice(i, i + ROWS_PER_STATEMENT))}::jsonb) as x(id bigint, server_id text)
      where s.id = x.server_id`);
  }
  return { saved, tools, newDefinitions };
}

export type BulkClassification = ClassificationKey & { classification: Classification };

/**
 * The classification rows as one JSON array, ready for `insertClassificationRecords` (a worker
 * thread can build it, so the main thread only forwards a string). The last of a repeated key wins.
 */
export function classificationRecords(items: readonly BulkClassification[]): string {
  const byKey = new Map<string, BulkClassification>();
  for (const item of items) byKey.set(`${item.definitionHash}:${item.contextHash}`, item);
  const sorted = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(
    sorted.map(([, { definitionHash, contextHash, classification: c }]) => ({
      definition_hash: definitionHash,
      context_hash: contextHash,
      category: c.category,
      risk: c.risk,
      confidence: c.confidence,
      rationale: c.rationale,
      tags: c.tags,
      findings: c.findings,
      suggested_annotations: c.suggestedAnnotations,
      evidence: c.evidence,
    })),
  );
}

/** Upsert classification rows built by `classificationRecords` (one statement, one parameter). */
export async function insertClassificationRecords(db: Db, classifier: ClassifierInfo, records: string): Promise<void> {
  await db.execute(sql`
    insert into classifications (definition_hash, context_hash, classifier, classifier_version, category, risk, confidence,
      rationale, tags, findings, suggested_annotations, evidence)
    select definition_hash, context_hash, ${classifier.name}::text, ${classifier.version}::text, category, risk, confidence,
      rationale, tags, findings, suggested_annotations, evidence
    from jsonb_to_recordset(${records}::jsonb) as x(definition_hash text, context_hash text, category text, risk text,
      confidence double precision, rationale text, tags jsonb, findings jsonb, suggested_annotations jsonb, evidence jsonb)
    on conflict (definition_hash, context_hash, classifier, classifier_version) do update set category = excluded.category,
      risk = excluded.risk, confidence = excluded.confidence, rationale = excluded.rationale, tags = excluded.tags,
      findings = excluded.findings, suggested_annotations = excluded.suggested_annotations, evidence = excluded.evidence`);
}

/** `saveClassifications` for many labels at once. */
export async function bulkSaveClassifications(db: Db, classifier: ClassifierInfo, items: readonly BulkClassification[]): Promise<void> {
  for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) {
    await insertClassificationRecords(db, classifier, classificationRecords(items.slice(i, i + ROWS_PER_STATEMENT)));
  }
}
