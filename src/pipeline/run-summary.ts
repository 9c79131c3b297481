// What a run did, from the database: servers ok and failed with reasons, tools, labels by category
// and risk. Computed from stored rows so a resumed run reports the whole run, not its last part.
import { and, count, eq } from 'drizzle-orm';
import { labelOf } from '../db/catalog-repo.ts';
import type { Db } from '../db/connect.ts';
import type { RunStatus } from '../db/runs-repo.ts';
import { classifications, crawlSnapshots, servers, snapshotTools } from '../db/schema.ts';
import { snapshotsOfRun } from '../db/snapshots-repo.ts';
import { CATEGORIES, RISKS, type ClassifierInfo } from '../types.ts';

export interface ServerOutcome {
  id: string;
  status: string;
  tools: number;
  seconds: number;
  error?: string;
}

export interface RunSummary {
  runId: string;
  status: RunStatus;
  wallSeconds: number;
  servers: ServerOutcome[];
  /** Servers the run set out to crawl that have no snapshot (interrupted runs). */
  pending: number;
  tools: number;
  /** Tools of ok snapshots with no label of this classifier: labelling failed after the crawl. */
  unlabelled: number;
  byCategory: Record<string, number>;
  byRisk: Record<string, number>;
  counts: Record<string, number>;
}

export async function summarizeRun(
  db: Db,
  runId: string,
  classifier: ClassifierInfo,
  wallMs: number,
  status: RunStatus,
  plannedServers?: number,
): Promise<RunSummary> {
  const snapshots = await snapshotsOfRun(db, runId);
  const outcomes: ServerOutcome[] = snapshots.map((s) => ({
    id: s.serverId,
    status: s.status,
    tools: s.toolCount,
    seconds: Math.round(s.timings.totalMs / 100) / 10,
    ...(s.error ? { error: s.error } : {}),
  }));
  const labelRows = await db
    .select({ category: classifications.category, risk: classifications.risk, n: count() })
    .from(crawlSnapshots)
    .innerJoin(servers, eq(servers.id, crawlSnapshots.serverId))
    .innerJoin(snapshotTools, eq(snapshotTools.snapshotId, crawlSnapshots.id))
    .innerJoin(classifications, labelOf(snapshotTools.definitionHash, classifier))
    .where(and(eq(crawlSnapshots.runId, runId), eq(crawlSnapshots.status, 'ok')))
    .groupBy(classifications.category, classifications.risk);
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
  const byRisk = Object.fromEntries(RISKS.map((r) => [r, 0]));
  for (const row of labelRows) {
    byCategory[row.category] = (byCategory[row.category] ?? 0) + row.n;
    byRisk[row.risk] = (byRisk[row.risk] ?? 0) + row.n;
  }
  const ok = outcomes.filter((o) => o.status === 'ok');
  const tools = ok.reduce((sum, o) => sum + o.tools, 0);
  const labelled = labelRows.reduce((sum, row) => sum + row.n, 0);
  return {
    runId,
    status,
    wallSeconds: Math.round(wallMs / 100) / 10,
    servers: outcomes,
    pending: plannedServers === undefined ? 0 : Math.max(0, plannedServers - outcomes.length),
    tools,
    unlabelled: Math.max(0, tools - labelled),
    byCategory,
    byRisk,
    counts: { servers: outcomes.length, ok: ok.length, failed: outcomes.length - ok.length, tools },
  };
}

export function formatRunSummary(summary: RunSummary): string {
  const lines: string[] = [];
  const ok = summary.servers.filter((s) => s.status === 'ok');
  const failed = summary.servers.filter((s) => s.status !== 'ok');
  lines.push(`Run ${summary.runId} ${summary.status} in ${summary.wallSeconds}s`);
  lines.push(`Servers: ${ok.length} ok, ${failed.length} failed${summary.pending ? `, ${summary.pending} not yet crawled` : ''}`);
  lines.push(`Tools: ${summary.tools}`);
  if (summary.unlabelled > 0) lines.push(`Unlabelled: ${summary.unlabelled} tools (labelling failed after the crawl, see the messages above; run the same command again to label them)`);
  lines.push(`By category: ${Object.entries(summary.byCategory).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push(`By risk: ${Object.entries(summary.byRisk).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push('');
  const width = Math.max(6, ...summary.servers.map((s) => s.id.length));
  for (const s of summary.servers) {
    const detail = s.status === 'ok' ? `${s.tools} tools` : (s.error ?? '').replace(/\s+/g, ' ').slice(0, 160);
    lines.push(`  ${s.id.padEnd(width)}  ${s.status.padEnd(15)} ${String(s.seconds).padStart(5)}s  ${detail}`);
  }
  return lines.join('\n');
}
