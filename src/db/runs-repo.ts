import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './connect.ts';
import { runs } from './schema.ts';

export type RunRow = typeof runs.$inferSelect;
export type RunStatus = 'running' | 'completed' | 'interrupted' | 'failed';

/** Run ids sort by time and are short enough to type: `20261124-0903-a1b2c3`. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 13);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export async function createRun(db: Db, serverIds: string[], options: Record<string, unknown>): Promise<RunRow> {
  const [row] = await db
    .insert(runs)
    .values({ id: newRunId(), status: 'running', serverIds, options })
    .returning();
  if (!row) throw new Error('insert into runs returned no row');
  return row;
}

export async function getRun(db: Db, id: string): Promise<RunRow | undefined> {
  const rows = await db.select().from(runs).where(eq(runs.id, id)).limit(1);
  return rows[0];
}

export async function finishRun(db: Db, id: string, status: RunStatus, counts: Record<string, number>): Promise<void> {
  await db.update(runs).set({ status, counts, finishedAt: new Date() }).where(eq(runs.id, id));
}

export async function markRunResumed(db: Db, id: string): Promise<void> {
  await db.update(runs).set({ status: 'running', finishedAt: null }).where(eq(runs.id, id));
}
