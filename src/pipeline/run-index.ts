// The indexing run: candidates → crawl (bounded concurrency) → store snapshot → classify new tool
// definitions → store labels. One server's failure is recorded and the run goes on; a cancelled run
// keeps what it finished and can be resumed.
import PQueue from 'p-queue';
import { missingClassifications, saveClassifications, type ClassificationKey } from '../db/classifications-repo.ts';
import type { Db } from '../db/connect.ts';
import { createRun, finishRun, getRun, markRunResumed, type RunStatus } from '../db/runs-repo.ts';
import { definitionsByHash, saveSnapshot, serversDoneInRun } from '../db/snapshots-repo.ts';
import { serverContextOf, upsertServers } from '../db/servers-repo.ts';
import { toToolDefinition } from '../db/catalog-repo.ts';
import { serverContextHash } from '../definition-hash.ts';
import { McpRiskError } from '../errors.ts';
import { createProgress } from '../log.ts';
import type { Classifier, CrawlResult, ServerCandidate } from '../types.ts';
import { crawlServer, type CrawlOptions } from '../../crawlers/crawl-server.ts';
import { summarizeRun, type RunSummary } from './run-summary.ts';

export interface IndexOptions {
  db: Db;
  candidates: ServerCandidate[];
  classifier: Classifier;
  crawl: Omit<CrawlOptions, 'signal'>;
  concurrency: number;
  /** Continue this run: crawl only its servers that have no snapshot yet. */
  resumeRunId?: string | undefined;
  /** Stored with the run so `--resume` can find the same candidates again. */
  runOptions?: Record<string, unknown>;
  signal?: AbortSignal;
  quiet?: boolean;
  /** Called once the run exists, before crawling (the CLI prints the run id). */
  onRunStarted?: (runId: string) => void;
}

export async function runIndex(options: IndexOptions): Promise<RunSummary> {
  const { db } = options;
  const started = Date.now();
  const { runId, todo, planned } = await prepareRun(options);
  options.onRunStarted?.(runId);

  const queue = new PQueue({ concurrency: options.concurrency });
  const progress = createProgress(todo.length, options.quiet ? { quiet: true } : {});
  const onAbort = () => queue.clear();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  for (const candidate of todo) {
    void queue.add(async () => {
      if (options.signal?.aborted) return;
      const startedAt = new Date();
      const result = await crawlServer(candidate, { ...options.crawl, ...(options.signal ? { signal: options.signal } : {}) });
      // A cancelled crawl is not stored, so `--resume` crawls that server again.
      if (result.status === 'cancelled') return;
      const saved = await saveSnapshot(db, { runId, serverId: candidate.id, result, startedAt });
      if (saved && result.status === 'ok') {
        await classifyNew(db, options.classifier, candidate, saved.definitionHashes);
      }
      progress.tick(candidate.id, result.status === 'ok', describe(result));
    });
  }
  await queue.onIdle();
  options.signal?.removeEventListener('abort', onAbort);
  progress.done();

  const status: RunStatus = options.signal?.aborted ? 'interrupted' : 'completed';
  const summary = await summarizeRun(db, runId, options.classifier.info, Date.now() - started, status, planned);
  await finishRun(db, runId, status, summary.counts);
  return summary;
}

async function prepareRun(options: IndexOptions): Promise<{ runId: string; todo: ServerCandidate[]; planned: number }> {
  const { db, candidates } = options;
  await upsertServers(db, candidates);
  if (options.resumeRunId === undefined) {
    const run = await createRun(
      db,
      candidates.map((c) => c.id),
      { ...options.runOptions, concurrency: options.concurrency },
    );
    return { runId: run.id, todo: candidates, planned: candidates.length };
  }
  const run = await getRun(db, options.resumeRunId);
  if (!run) throw new McpRiskError('UNKNOWN_RUN', `no run with id "${options.resumeRunId}"`, { hint: 'the id is printed when a run starts and when it is interrupted' });
  if (run.status === 'completed') {
    throw new McpRiskError('UNKNOWN_RUN', `run ${run.id} already completed; nothing to resume`);
  }
  const done = await serversDoneInRun(db, run.id);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const missing = run.serverIds.filter((id) => !done.has(id) && !byId.has(id));
  if (missing.length > 0) {
    throw new McpRiskError('BAD_SEED_FILE', `run ${run.id} includes servers no longer in the seed list: ${missing.slice(0, 5).join(', ')}`);
  }
  await markRunResumed(db, run.id);
  const todo = run.serverIds.filter((id) => !done.has(id)).flatMap((id) => byId.get(id) ?? []);
  return { runId: run.id, todo, planned: run.serverIds.length };
}

/** Classify the definitions of one snapshot that this classifier version has not labelled yet. */
async function classifyNew(db: Db, classifier: Classifier, candidate: ServerCandidate, hashes: string[]): Promise<number> {
  const context = serverContextOf(candidate);
  const contextHash = serverContextHash(context);
  const keys: ClassificationKey[] = [...new Set(hashes)].map((definitionHash) => ({ definitionHash, contextHash }));
  const missing = await missingClassifications(db, classifier.info, keys);
  if (missing.length === 0) return 0;
  const rows = await definitionsByHash(db, missing.map((k) => k.definitionHash));
  const labelled = [];
  for (const row of rows) {
    const classification = await classifier.classify(toToolDefinition(row), context);
    labelled.push({ definitionHash: row.definitionHash, contextHash, classification });
  }
  await saveClassifications(db, classifier.info, labelled);
  return labelled.length;
}

function describe(result: CrawlResult): string {
  const seconds = (result.timings.totalMs / 1000).toFixed(1);
  if (result.status === 'ok') return `ok, ${result.tools.length} tools (${seconds}s)`;
  return `${result.status}: ${(result.error ?? '').slice(0, 120)} (${seconds}s)`;
}
