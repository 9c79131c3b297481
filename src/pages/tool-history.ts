// Per-tool history for the pages, derived from the kept crawl snapshots: when each tool name was first
// listed, and what changed between consecutive successful crawls (crawlers/diff-snapshots.ts decides
// what counts as a change and how severe it is). Only crawls whose tool set changed are loaded.
import { and, asc, eq, min } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { toToolDefinition } from '../db/catalog-repo.ts';
import { crawlSnapshots, snapshotTools, toolDefinitions } from '../db/schema.ts';
import { toolsOfSnapshot } from '../db/snapshots-repo.ts';
import type { ToolDefinition } from '../types.ts';
import { diffSnapshots, type QuickLabel } from '../../crawlers/diff-snapshots.ts';
import type { HistoryEntry } from './site-data.ts';

export interface ToolHistory {
  firstSeenAt: Map<string, string>;
  entries: Map<string, HistoryEntry[]>;
}

/** The newest crawls considered for changes; older history is summarised by "first seen". */
const MAX_SNAPSHOTS = 100;

export async function toolHistory(db: Db, serverId: string, label: QuickLabel): Promise<ToolHistory> {
  const okForServer = and(eq(crawlSnapshots.serverId, serverId), eq(crawlSnapshots.status, 'ok'));
  const first = await db
    .select({ name: toolDefinitions.name, at: min(crawlSnapshots.finishedAt) })
    .from(crawlSnapshots)
    .innerJoin(snapshotTools, eq(snapshotTools.snapshotId, crawlSnapshots.id))
    .innerJoin(toolDefinitions, eq(toolDefinitions.definitionHash, snapshotTools.definitionHash))
    .where(okForServer)
    .groupBy(toolDefinitions.name);
  const firstSeenAt = new Map<string, string>();
  for (const row of first) if (row.at !== null) firstSeenAt.set(row.name, toIso(row.at));

  const snapshots = await db
    .select({ id: crawlSnapshots.id, hash: crawlSnapshots.definitionHash, finishedAt: crawlSnapshots.finishedAt })
    .from(crawlSnapshots)
    .where(okForServer)
    .orderBy(asc(crawlSnapshots.id));
  const recent = snapshots.slice(-MAX_SNAPSHOTS);
  const entries = new Map<string, HistoryEntry[]>();
  let previousTools: { id: number; tools: ToolDefinition[] } | undefined;
  for (let i = 1; i < recent.length; i += 1) {
    const before = recent[i - 1];
    const after = recent[i];
    if (before === undefined || after === undefined || before.hash === after.hash) continue;
    const beforeTools = previousTools?.id === before.id ? previousTools.tools : await definitionsOf(db, before.id);
    const afterTools = await definitionsOf(db, after.id);
    previousTools = { id: after.id, tools: afterTools };
    for (const change of diffSnapshots(beforeTools, afterTools, label)) {
      const list = entries.get(change.tool) ?? [];
      list.push({ at: toIso(after.finishedAt), kind: change.kind, severity: change.severity, summary: change.summary });
      entries.set(change.tool, list);
    }
  }
  return { firstSeenAt, entries };
}

async function definitionsOf(db: Db, snapshotId: number): Promise<ToolDefinition[]> {
  return (await toolsOfSnapshot(db, snapshotId)).map(toToolDefinition);
}

/** Aggregates come back as strings on some drivers and Dates on others. */
function toIso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
