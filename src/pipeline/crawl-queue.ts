// The distributed crawl: one pg-boss job per (run, server) in PostgreSQL, run by any number of
// `mcp-risk worker` processes sharing DATABASE_URL. pg-boss gives what we would otherwise invent:
// SKIP LOCKED fetching, a per-job expiry after which a dead worker's job is retried elsewhere, retries
// with backoff, and a `singleton` queue policy (a unique index) so one server is never crawled by two
// jobs at once. Results stay idempotent through the (run, server) unique index on snapshots.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Db } from '../db/connect.ts';
import { redactUrl } from '../db/connect.ts';
import { McpRiskError, errorMessage } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Classifier, ServerCandidate, ServerLaunch } from '../types.ts';
import type { CrawlOptions } from '../../crawlers/crawl-server.ts';
import { completeRunIfDone, describeCrawl, processServer, serverDoneInRun } from './run-index.ts';
import { loadSeedCatalog } from './seed-catalog.ts';
import { credentialFromEnv } from '../config.ts';

export const CRAWL_QUEUE = 'mcp-risk-crawl';

/** How long a job may stay active beyond the crawl timeout: npm install (up to 180 s) plus storing. */
export const JOB_EXPIRY_MARGIN_SECONDS = 240;
const RETRY_LIMIT = 3;
/** Seconds before a failed or expired job runs again; doubled (with jitter) on every retry. */
const RETRY_DELAY_SECONDS = 2;
const INSERT_BATCH = 500;

const launchSchema = z.strictObject({
  transport: z.enum(['stdio', 'streamable-http', 'sse']),
  npmPackage: z.string().exactOptional(),
  npmVersion: z.string().exactOptional(),
  bin: z.string().exactOptional(),
  entry: z.string().exactOptional(),
  url: z.string().exactOptional(),
  command: z.string().exactOptional(),
  args: z.array(z.string()),
});

/** A job's payload. The candidate travels without its env values: those are never stored anywhere. */
export const crawlJobSchema = z.strictObject({
  runId: z.string().min(1),
  serverId: z.string().min(1),
  candidate: z.strictObject({
    id: z.string().min(1),
    name: z.string(),
    description: z.string().exactOptional(),
    source: z.string(),
    repository: z.string().exactOptional(),
    version: z.string().exactOptional(),
    domain: z.string().exactOptional(),
    launch: launchSchema,
  }),
  /** Env placeholder names, re-read from the seed file by the worker (so only then is it needed). */
  envNames: z.array(z.string()),
  /** Header names of a remote server's credentials, re-read from the seed file like env. */
  headerNames: z.array(z.string()).default([]),
  seedFile: z.string().nullable(),
  timeoutSeconds: z.int().positive(),
});
export type CrawlJob = z.infer<typeof crawlJobSchema>;

// A launch field added to ServerLaunch but not to the payload would make every job fail to parse:
// this fails to compile instead.
type UncoveredLaunchFields = Exclude<keyof Omit<ServerLaunch, 'env' | 'headers'>, keyof CrawlJob['candidate']['launch']>;
const launchCovered: [UncoveredLaunchFields] extends [never] ? true : UncoveredLaunchFields = true;
void launchCovered;

export interface QueueConnectOptions {
  /** Connections pg-boss may hold (its own `pg` pool, next to the catalog's). */
  maxConnections?: number;
  /** How often this process looks for expired jobs of dead workers (pg-boss maintenance). */
  expiryCheckSeconds?: number;
  onError?: (error: Error) => void;
}

/** Start pg-boss (it creates its `pgboss` schema on first use) and make sure the crawl queue exists. */
export async function openCrawlQueue(databaseUrl: string, options: QueueConnectOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 4,
    schedule: false,
    maintenanceIntervalSeconds: options.expiryCheckSeconds ?? 30,
  });
  // pg-boss reports background failures as events; an EventEmitter without an 'error' listener throws.
  boss.on('error', options.onError ?? (() => {}));
  try {
    await boss.start();
    await boss.createQueue(CRAWL_QUEUE, {
      name: CRAWL_QUEUE,
      policy: 'singleton',
      retryLimit: RETRY_LIMIT,
      retryDelay: RETRY_DELAY_SECONDS,
      retryBackoff: true,
    });
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw new McpRiskError('DB_UNAVAILABLE', `could not open the job queue in ${redactUrl(databaseUrl)}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  return boss;
}

export interface EnqueueRunInput {
  runId: string;
  /** The run's servers still without a snapshot (`prepareRun(...).todo`). */
  candidates: ServerCandidate[];
  seedFile: string | undefined;
  timeoutSeconds: number;
  /** A job held longer than this is failed and retried by another worker (default timeout + margin). */
  jobTimeoutSeconds?: number | undefined;
}

/**
 * One job per server, with an id derived from (run, server): enqueueing the same run again inserts
 * nothing (ON CONFLICT DO NOTHING), and a job that failed after its retries is revived, which is what
 * `index --queue --resume` wants. Returns how many of the run's jobs are now waiting or running.
 */
export async function enqueueRun(boss: PgBoss, input: EnqueueRunInput): Promise<number> {
  const expireInSeconds = input.jobTimeoutSeconds ?? input.timeoutSeconds + JOB_EXPIRY_MARGIN_SECONDS;
  const jobs = input.candidates.map((candidate) => ({
    id: crawlJobId(input.runId, candidate.id),
    name: CRAWL_QUEUE,
    data: toJob(input, candidate),
    // Under the queue's `singleton` policy, at most one job per key is active: one crawl per server.
    singletonKey: candidate.id,
    expireInSeconds,
    retryLimit: RETRY_LIMIT,
    retryDelay: RETRY_DELAY_SECONDS,
    retryBackoff: true,
  }));
  for (let i = 0; i < jobs.length; i += INSERT_BATCH) {
    const batch = jobs.slice(i, i + INSERT_BATCH);
    await boss.insert(batch);
    await boss.retry(CRAWL_QUEUE, batch.map((job) => job.id));
  }
  return (await runJobCounts(boss, input.runId)).pending;
}

function toJob(input: EnqueueRunInput, candidate: ServerCandidate): CrawlJob {
  const { env, headers, ...launch } = candidate.launch;
  return {
    runId: input.runId,
    serverId: candidate.id,
    candidate: { ...candidate, launch },
    envNames: Object.keys(env).sort(),
    headerNames: Object.keys(headers ?? {}).sort(),
    seedFile: input.seedFile ?? null,
    timeoutSeconds: input.timeoutSeconds,
  };
}

/** A UUID (the form pg-boss ids take) that is the same every time for the same (run, server). */
export function crawlJobId(runId: string, serverId: string): string {
  const hex = createHash('sha256').update(`${runId}\0${serverId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface RunJobCounts {
  /** Waiting, waiting to retry, or held by a worker. */
  pending: number;
  /** Failed after all retries: the run cannot complete until `index --queue --resume` revives them. */
  failed: number;
}

const countRows = z.array(z.object({ pending: z.coerce.number(), failed: z.coerce.number() }));

export async function runJobCounts(boss: PgBoss, runId: string): Promise<RunJobCounts> {
  const { rows } = await boss.getDb().executeSql(
    `SELECT count(*) FILTER (WHERE state < 'completed') AS pending, count(*) FILTER (WHERE state = 'failed') AS failed
     FROM pgboss.job WHERE name = $1 AND data->>'runId' = $2`,
    [CRAWL_QUEUE, runId],
  );
  const [row] = countRows.parse(rows);
  return { pending: row?.pending ?? 0, failed: row?.failed ?? 0 };
}

/** Parse a job's payload and put back the env placeholders from the seed file it came from. */
export async function candidateOfJob(data: unknown): Promise<{ job: CrawlJob; candidate: ServerCandidate }> {
  const parsed = crawlJobSchema.safeParse(data);
  if (!parsed.success) {
    throw new McpRiskError('BAD_INPUT_FILE', `malformed crawl job: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  const job = parsed.data;
  const env: Record<string, string> = {};
  let headers: Record<string, string> | undefined;
  if (job.envNames.length > 0 || job.headerNames.length > 0) {
    const seeded = job.seedFile === null ? undefined : (await seedCandidates(job.seedFile)).get(job.serverId);
    if (job.headerNames.length > 0) headers = seeded?.launch.headers;
    for (const name of job.envNames) {
      const value = seeded?.launch.env[name];
      if (value === undefined) {
        throw new McpRiskError('BAD_SEED_FILE', `${job.seedFile ?? '(no seed file)'}: server "${job.serverId}" has no env "${name}" on this machine`, {
          hint: 'workers read env placeholders from the seed file the run was enqueued from; give every worker the same file',
        });
      }
      env[name] = value;
    }
  }
  return { job, candidate: { ...job.candidate, launch: { ...job.candidate.launch, env, ...(headers ? { headers } : {}) } } };
}

// A worker reads each seed file once, and again only when it changes.
const seedCache = new Map<string, { mtimeMs: number; byId: Map<string, ServerCandidate> }>();

async function seedCandidates(file: string): Promise<Map<string, ServerCandidate>> {
  const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: -1 }));
  const cached = seedCache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.byId;
  const byId = new Map((await loadSeedCatalog(file, (name) => credentialFromEnv(name))).map((c) => [c.id, c]));
  seedCache.set(file, { mtimeMs, byId });
  return byId;
}

// ---- the worker ---------------------------------------------------------------------------

export interface WorkerOptions {
  db: Db;
  databaseUrl: string;
  classifier: Classifier;
  /** This machine's crawl settings; the crawl timeout comes with each job (it belongs to the run). */
  crawl: Omit<CrawlOptions, 'signal' | 'timeoutMs'>;
  /** Jobs crawled at once by this process. */
  concurrency: number;
  /** Return once no job in the queue is waiting, waiting to retry, or held by any worker. */
  once?: boolean;
  /** Abort to stop fetching; the jobs in flight finish and are stored first. */
  signal?: AbortSignal;
  /** How often to look for expired jobs of dead workers, in seconds (default 30). */
  expiryCheckSeconds?: number;
  /** How often an idle worker asks for a job, in seconds (default 1). */
  pollingSeconds?: number;
  log?: Logger;
}

export interface WorkerReport {
  /** Servers crawled and stored, by outcome. */
  ok: number;
  failed: number;
  /** Jobs whose server the run had already stored (a retry after a lost completion). */
  skipped: number;
  /** Runs this worker found complete when it stored their last server. */
  runsCompleted: string[];
}

/** Wait in flight jobs this long on a graceful stop; each crawl is bounded by its own timeout anyway. */
const STOP_TIMEOUT_MS = 15 * 60_000;
const silent: Logger = { info: () => {}, warn: () => {}, debug: () => {} };

export async function runWorker(options: WorkerOptions): Promise<WorkerReport> {
  const log = options.log ?? silent;
  const pollingSeconds = options.pollingSeconds ?? 1;
  const boss = await openCrawlQueue(options.databaseUrl, {
    maxConnections: options.concurrency + 2,
    expiryCheckSeconds: options.expiryCheckSeconds ?? 30,
    onError: (error) => log.debug(`queue: ${error.message}`),
  });
  const report: WorkerReport = { ok: 0, failed: 0, skipped: 0, runsCompleted: [] };
  const handle = async (jobs: PgBoss.JobWithMetadata[]) => {
    for (const job of jobs) await crawlJob(job, options, report, log);
  };
  try {
    // In pg-boss 10 each work() call is one polling loop; concurrency is that many loops of one job.
    for (let i = 0; i < options.concurrency; i += 1) {
      await boss.work(CRAWL_QUEUE, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: pollingSeconds }, handle);
    }
    while (!options.signal?.aborted) {
      if (options.once && (await boss.getQueueSize(CRAWL_QUEUE, { before: 'completed' })) === 0) break;
      await sleep(pollingSeconds * 1000, undefined, options.signal ? { signal: options.signal } : {}).catch(() => {});
    }
  } finally {
    // Graceful: stop fetching, wait for the handlers in flight, then close the pool.
    await boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS });
  }
  return report;
}

async function crawlJob(job: PgBoss.JobWithMetadata, options: WorkerOptions, report: WorkerReport, log: Logger): Promise<void> {
  const { db, classifier } = options;
  let label = `job ${job.id}`;
  try {
    const { job: data, candidate } = await candidateOfJob(job.data);
    label = data.serverId;
    const attempt = job.retryCount + 1;
    log.info(`start ${label} (run ${data.runId}${attempt > 1 ? `, attempt ${attempt}` : ''})`);
    if (await serverDoneInRun(db, data.runId, data.serverId)) {
      report.skipped += 1;
      log.info(`skip ${label}: already stored in run ${data.runId}`);
    } else {
      const crawl = { ...options.crawl, timeoutMs: data.timeoutSeconds * 1000 };
      const { result } = await processServer({ db, runId: data.runId, candidate, classifier, crawl });
      if (result.status === 'ok') report.ok += 1;
      else report.failed += 1;
      log.info(`done ${label}: ${describeCrawl(result)}`);
    }
    const summary = await completeRunIfDone(db, data.runId, classifier.info);
    if (summary) {
      report.runsCompleted.push(data.runId);
      log.info(`run ${data.runId} completed: ${summary.counts['ok'] ?? 0} ok, ${summary.counts['failed'] ?? 0} failed, ${summary.tools} tools`);
    }
  } catch (error) {
    // Thrown, the job fails and pg-boss retries it with backoff (a database hiccup, a missing seed file).
    log.warn(`${label}: ${errorMessage(error)} (the job will be retried)`);
    throw error;
  }
}
