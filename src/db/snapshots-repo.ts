import { and, desc, eq, inArray } from 'drizzle-orm';
import { toolDefinitionHash, toolSetHash } from '../definition-hash.ts';
import { safeDeep } from '../safe-text.ts';
import type { CrawlResult, ToolDefinition } from '../types.ts';
import type { Db } from './connect.ts';
import { crawlSnapshots, servers, snapshotTools, toolDefinitions } from './schema.ts';

export type SnapshotRow = typeof crawlSnapshots.$inferSelect;

export interface SavedSnapshot {
  snapshotId: number;
  /** Definition hash of each listed tool, in the server's order. */
  definitionHashes: string[];
  /** How many of the listed definitions the catalog had never seen before. */
  newDefinitions: number;
}

const INSERT_BATCH = 500;

/**
 * Store one crawl: its snapshot row, any tool definitions not yet known, and the snapshot's tool list,
 * in one transaction. A second save for the same (run, server) is a no-op, so resumed runs are idempotent.
 */
export async function saveSnapshot(
  db: Db,
  input: { runId: string | null; serverId: string; result: CrawlResult; startedAt: Date },
): Promise<SavedSnapshot | undefined> {
  // PostgreSQL refuses NUL and lone surrogates: crawled text is made storable before anything else.
  const result = safeDeep(input.result);
  const hashes = result.tools.map(toolDefinitionHash);
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(crawlSnapshots)
      .values({
        runId: input.runId,
        serverId: input.serverId,
        status: result.status,
        error: result.error ?? null,
        stderrTail: result.stderrTail || null,
        serverVersion: result.serverVersion ?? null,
        protocolVersion: result.protocolVersion ?? null,
        serverInfo: result.serverInfo ?? null,
        instructions: result.instructions ?? null,
        toolCount: result.tools.length,
        droppedTools: result.droppedTools.length > 0 ? result.droppedTools : null,
        prompts: result.prompts ?? null,
        resources: result.resources ?? null,
        definitionHash: result.status === 'ok' ? toolSetHash(hashes) : null,
        timings: result.timings,
        startedAt: input.startedAt,
        finishedAt: new Date(input.startedAt.getTime() + result.timings.totalMs),
      })
      .onConflictDoNothing()
      .returning({ id: crawlSnapshots.id });
    const snapshot = inserted[0];
    if (!snapshot) return undefined;

    let newDefinitions = 0;
    const unique = uniqueDefinitions(result.tools, hashes);
    for (let i = 0; i < unique.length; i += INSERT_BATCH) {
      const rows = await tx
        .insert(toolDefinitions)
        .values(unique.slice(i, i + INSERT_BATCH).map(([hash, tool]) => definitionRow(hash, tool)))
        .onConflictDoNothing()
        .returning({ hash: toolDefinitions.definitionHash });
      newDefinitions += rows.length;
    }
    for (let i = 0; i < hashes.length; i += INSERT_BATCH) {
      await tx.insert(snapshotTools).values(
        hashes.slice(i, i + INSERT_BATCH).map((definitionHash, j) => ({
          snapshotId: snapshot.id,
          position: i + j,
          definitionHash,
        })),
      );
    }
    if (result.status === 'ok') {
      await tx.update(servers).set({ latestSnapshotId: snapshot.id }).where(eq(servers.id, input.serverId));
    }
    return { snapshotId: snapshot.id, definitionHashes: hashes, newDefinitions };
  });
}

function uniqueDefinitions(tools: readonly ToolDefinition[], hashes: readonly string[]): [string, ToolDefinition][] {
  const byHash = new Map<string, ToolDefinition>();
  tools.forEach((tool, i) => {
    const hash = hashes[i];
    if (hash !== undefined && !byHash.has(hash)) byHash.set(hash, tool);
  });
  return [...byHash.entries()];
}

function definitionRow(definitionHash: string, tool: ToolDefinition) {
  return {
    definitionHash,
    name: tool.name,
    title: tool.title ?? null,
    description: tool.description ?? null,
    inputSchema: tool.inputSchema ?? null,
    outputSchema: tool.outputSchema ?? null,
    annotations: tool.annotations ?? null,
  };
}

/** Server ids that already have a snapshot in this run (what a resumed run can skip). */
export async function serversDoneInRun(db: Db, runId: string): Promise<Set<string>> {
  const rows = await db
    .select({ serverId: crawlSnapshots.serverId })
    .from(crawlSnapshots)
    .where(eq(crawlSnapshots.runId, runId));
  return new Set(rows.map((r) => r.serverId));
}

export async function snapshotsOfRun(db: Db, runId: string): Promise<SnapshotRow[]> {
  return db.select().from(crawlSnapshots).where(eq(crawlSnapshots.runId, runId)).orderBy(crawlSnapshots.serverId);
}

export async function latestSnapshots(db: Db, serverId: string, limit = 10): Promise<SnapshotRow[]> {
  return db
    .select()
    .from(crawlSnapshots)
    .where(eq(crawlSnapshots.serverId, serverId))
    .orderBy(desc(crawlSnapshots.id))
    .limit(limit);
}

export async function toolsOfSnapshot(db: Db, snapshotId: number): Promise<(typeof toolDefinitions.$inferSelect)[]> {
  const rows = await db
    .select({ def: toolDefinitions, position: snapshotTools.position })
    .from(snapshotTools)
    .innerJoin(toolDefinitions, eq(toolDefinitions.definitionHash, snapshotTools.definitionHash))
    .where(and(eq(snapshotTools.snapshotId, snapshotId)))
    .orderBy(snapshotTools.position);
  return rows.map((r) => r.def);
}

export async function definitionsByHash(db: Db, hashes: string[]): Promise<(typeof toolDefinitions.$inferSelect)[]> {
  if (hashes.length === 0) return [];
  return db.select().from(toolDefinitions).where(inArray(toolDefinitions.definitionHash, hashes));
}
