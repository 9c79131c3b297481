// The indexing run: candidates → crawl (bounded concurrency) → store snapshot → classify new tool
// definitions → store labels. One server's failure is recorded and the run goes on; a cancelled run
// keeps what it finished and can be resumed.
import PQueue from 'p-queue';
import { and, count, eq, ne, sql } from 'drizzle-orm';
import { missingClassifications, saveClassifications, type ClassificationKey } from '../db/classifications-repo.ts';
import type { Db } from '../db/connect.ts';
import { createRun, finishRun, getRun, markRunResumed, type RunStatus } from '../db/runs-repo.ts';
import { definitionsByHash, saveSnapshot, serversDoneInRun, snapshotsOfRun, toolsOfSnapshot } from '../db/snapshots-repo.ts';
import { serverContextOf, upsertServers } from '../db/servers-repo.ts';
import { toToolDefinition } from '../db/catalog-repo.ts';
import { crawlSnapshots, runs } from '../db/schema.ts';
import { serverContextHash, toolDefinitionHash } from '../definition-hash.ts';
import { McpRiskError, errorMessage } from '../errors.ts';
import { createProgress } from '../log.ts';
import type { Classifier, ClassifierInfo, CrawlResult, ServerCandidate } from '../types.ts';
import { LLM_FALLBACK_SIGNAL } from '../../classifiers/llm-classifier.ts';
import type { CrawlOptions } from '../../crawlers/crawl-server.ts';
import { crawlWithRetry, type RetryOptions } from '../../crawlers/crawl-with-retry.ts';
import { HostLimiter } from './host-limiter.ts';
import { summarizeRun, type RunSummary } from './run-summary.ts';

export interface IndexOptions {
  db: Db;
  candidates: ServerCandidate[];
  classifier: Classifier;
  alsoClassify?: Classifier[] | undefined;
  crawl: Omit<CrawlOptions, 'signal'>;
  retry?: RetryOptions | undefined;
  /** Remote servers crawled at once per host (default 2). */
  perHostConcurrency?: number;
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
  const { runId, todo, planned } = await prepareRun({
    db,
    candidates: options.candidates,
    resumeRunId: options.resumeRunId,
    runOptions: { ...options.runOptions, concurrency: options.concurrency },
  });
  options.onRunStarted?.(runId);
  if (options.resumeRunId !== undefined) await labelStoredSnapshots(db, runId, options);

  const queue = new PQueue({ concurrency: options.concurrency });
  const hosts = new HostLimiter(options.perHostConcurrency ?? 2);
  const progress = createProgress(todo.length, options.quiet ? { quiet: true } : {});
  const onAbort = () => queue.clear();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  for (const candidate of todo) {
    void queue.add(async () => {
      if (options.signal?.aborted) return;
      const crawl = { ...options.crawl, ...(options.signal ? { signal: options.signal } : {}) };
      try {
        const { result } = await hosts.run(candidate, () =>
          processServer({ db, runId, candidate, classifier: options.classifier, alsoClassify: options.alsoClassify, crawl, retry: options.retry }),
        );
        if (result.status !== 'cancelled') progress.tick(candidate.id, result.status === 'ok', describeCrawl(result));
      } catch (error) {
        // Storing or classifying failed (not the server): report it, leave the server unfinished
        // for `--resume`, and go on with the others.
        progress.tick(candidate.id, false, `not stored: ${errorMessage(error)}`);
      }
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

export interface PrepareRunOptions {
  db: Db;
  candidates: ServerCandidate[];
  resumeRunId?: string | undefined;
  /** Stored with a new run (seed file, concurrency, queue settings). */
  runOptions?: Record<string, unknown> | undefined;
}

export interface PreparedRun {
  runId: string;
  /** Servers of the run that have no snapshot yet, in the run's order. */
  todo: ServerCandidate[];
  /** All servers of the run, done or not. */
  planned: number;
}

/** Create a run for these candidates, or reopen an unfinished one and list what it still lacks. */
export async function prepareRun(options: PrepareRunOptions): Promise<PreparedRun> {
  const { db, candidates } = options;
  await upsertServers(db, candidates);
  if (options.resumeRunId === undefined) {
    const run = await createRun(db, candidates.map((c) => c.id), options.runOptions ?? {});
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

export interface ProcessServerInput {
  db: Db;
  runId: string;
  candidate: ServerCandidate;
  classifier: Classifier;
  /** Further classifiers whose labels are stored too (e.g. the LLM beside the rules the views use). */
  alsoClassify?: Classifier[] | undefined;
  crawl: CrawlOptions;
  /** Retries of transient failures (default: 3 attempts, 1 s backoff doubling). */
  retry?: RetryOptions | undefined;
}

export interface ProcessedServer {
  result: CrawlResult;
  /** False when nothing was written: the crawl was cancelled, or the run already had this server. */
  stored: boolean;
}

/**
 * The per-server step shared by the in-process run and the queue workers: crawl, store the snapshot,
 * label definitions not seen before. Idempotent per (run, server): the snapshot's unique index turns a
 * second finish (a retried job, a resumed run) into a no-op.
 */
export async function processServer(input: ProcessServerInput): Promise<ProcessedServer> {
  const { db, candidate } = input;
  const startedAt = new Date();
  const result = await crawlWithRetry(candidate, input.crawl, input.retry);
  // A cancelled crawl is not stored, so `--resume` (or the job's retry) crawls that server again.
  if (result.status === 'cancelled') return { result, stored: false };
  const saved = await saveSnapshot(db, { runId: input.runId, serverId: candidate.id, result, startedAt });
  if (result.status === 'ok') {
    // Already stored by this run (a retried job whose first attempt died before labelling): label what is missing.
    const hashes = saved?.definitionHashes ?? result.tools.map(toolDefinitionHash);
    await classifyNew(db, input.classifier, candidate, hashes);
    for (const extra of input.alsoClassify ?? []) await classifyNew(db, extra, candidate, hashes);
  }
  return { result, stored: saved !== undefined };
}

/** Whether this run already stored this server (a retried job whose first attempt got that far). */
export async function serverDoneInRun(db: Db, runId: string, serverId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(crawlSnapshots)
    .where(and(eq(crawlSnapshots.runId, runId), eq(crawlSnapshots.serverId, serverId)));
  return (row?.n ?? 0) > 0;
}

/**
 * Mark a run completed once each of its servers has a snapshot, for runs crawled by several workers.
 * The check and the update are one statement, and each worker runs it after its own snapshot
 * committed, so whoever commits last sees every snapshot (READ COMMITTED); when two finish at once,
 * the second update re-checks `status <> 'completed'` after the first and matches nothing. Returns the
 * summary when this call is the one that completed the run.
 */
export async function completeRunIfDone(db: Db, runId: string, classifier: ClassifierInfo): Promise<RunSummary | undefined> {
  const done = sql`(select count(*) from ${crawlSnapshots} where ${crawlSnapshots.runId} = ${runId})`;
  const [run] = await db
    .update(runs)
    .set({ status: 'completed', finishedAt: new Date() })
    .where(and(eq(runs.id, runId), ne(runs.status, 'completed'), sql`${done} >= jsonb_array_length(${runs.serverIds})`))
    .returning({ startedAt: runs.startedAt, serverIds: runs.serverIds });
  if (!run) return undefined;
  const summary = await summarizeRun(db, runId, classifier, Date.now() - run.startedAt.getTime(), 'completed', run.serverIds.length);
  await finishRun(db, runId, 'completed', summary.counts);
  return summary;
}

/**
 * A run killed after storing a server's snapshot but before labelling it leaves that server done
 * (resume skips it) with tools unlabelled: label what the run's stored snapshots still lack.
 */
async function labelStoredSnapshots(db: Db, runId: string, options: IndexOptions): Promise<void> {
  const byId = new Map(options.candidates.map((c) => [c.id, c]));
  for (const snapshot of await snapshotsOfRun(db, runId)) {
    const candidate = byId.get(snapshot.serverId);
    if (snapshot.status !== 'ok' || candidate === undefined) continue;
    const hashes = (await toolsOfSnapshot(db, snapshot.id)).map((t) => t.definitionHash);
    for (const classifier of [options.classifier, ...(options.alsoClassify ?? [])]) await classifyNew(db, classifier, candidate, hashes);
  }
}

/** Classify the definitions of one snapshot that this classifier version has not labelled yet. */
async function classifyNew(db: Db, classifier: Classifier, candidate: ServerCandidate, hashes: string[]): Promise<number> {
  const context = serverContextOf(candidate);
  const contextHash = serverContextHash(context);
  const keys: ClassificationKey[] = [...new Set(hashes)].map((definitionHash) => ({ definitionHash, contextHash }));
  const missing = await missingClassifications(db, classifier.info, keys);
  if (missing.length === 0) return 0;
  const rows = await definitionsByHash(db, missing.map((k) => k.definitionHash));
  // The LLM classifier bounds and batches its own requests, so all of a server's tools go at once.
  const results = await Promise.all(
    rows.map(async (row) => ({
      definitionHash: row.definitionHash,
      contextHash,
      classification: await classifier.classify(toToolDefinition(row), context),
    })),
  );
  // A rules fallback is not the LLM's answer: storing it under the LLM's version would mean never
  // asking the model again. Leave it unlabelled so the next run asks.
  const labelled = results.filter((r) => !r.classification.evidence.some((e) => e.signal === LLM_FALLBACK_SIGNAL));
  await saveClassifications(db, classifier.info, labelled);
  return labelled.length;
}

/** One line on a crawl's outcome, for progress output. */
export function describeCrawl(result: CrawlResult): string {
  const seconds = (result.timings.totalMs / 1000).toFixed(1);
  if (result.status === 'ok') return `ok, ${result.tools.length} tools (${seconds}s)`;
  return `${result.status}: ${(result.error ?? '').slice(0, 120)} (${seconds}s)`;
}
