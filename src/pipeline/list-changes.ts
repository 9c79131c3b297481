// Changes between consecutive successful crawls of each server, read from stored snapshots.
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { crawlSnapshots } from '../db/schema.ts';
import { toolsOfSnapshot } from '../db/snapshots-repo.ts';
import { toToolDefinition } from '../db/catalog-repo.ts';
import { diffSnapshots, type QuickLabel, type ToolChange } from '../../crawlers/diff-snapshots.ts';

export interface SnapshotChanges {
  serverId: string;
  fromSnapshot: number;
  toSnapshot: number;
  /** When the newer crawl finished (ISO 8601). */
  at: string;
  changes: ToolChange[];
}

export async function listChanges(
  db: Db,
  label: QuickLabel,
  options: { serverId?: string | undefined; since?: Date | undefined } = {},
): Promise<SnapshotChanges[]> {
  const filters: SQL[] = [eq(crawlSnapshots.status, 'ok')];
  if (options.serverId !== undefined) filters.push(eq(crawlSnapshots.serverId, options.serverId));
  const rows = await db
    .select({ id: crawlSnapshots.id, serverId: crawlSnapshots.serverId, hash: crawlSnapshots.definitionHash, finishedAt: crawlSnapshots.finishedAt })
    .from(crawlSnapshots)
    .where(and(...filters))
    .orderBy(asc(crawlSnapshots.serverId), asc(crawlSnapshots.id));
  const out: SnapshotChanges[] = [];
  for (let i = 1; i < rows.length; i += 1) {
    const previous = rows[i - 1];
    const current = rows[i];
    if (!previous || !current || previous.serverId !== current.serverId) continue;
    if (options.since && current.finishedAt < options.since) continue;
    if (previous.hash === current.hash) continue; // same tool set: nothing to diff
    const before = (await toolsOfSnapshot(db, previous.id)).map(toToolDefinition);
    const after = (await toolsOfSnapshot(db, current.id)).map(toToolDefinition);
    const changes = diffSnapshots(before, after, label);
    if (changes.length > 0) {
      out.push({ serverId: current.serverId, fromSnapshot: previous.id, toSnapshot: current.id, at: current.finishedAt.toISOString(), changes });
    }
  }
  return out;
}

