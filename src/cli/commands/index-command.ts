import { setTimeout as sleep } from 'node:timers/promises';
import { Option, type Command } from 'commander';
import type PgBoss from 'pg-boss';
import { baseServerEnv, credentialFromEnv, loadConfig, type AppConfig, type LlmFlags } from '../../config.ts';
import type { Db } from '../../db/connect.ts';
import { getRun } from '../../db/runs-repo.ts';
import { EXIT_INTERRUPTED, McpRiskError } from '../../errors.ts';
import { createLogger, type Logger } from '../../log.ts';
import { enqueueRun, openCrawlQueue, runJobCounts } from '../../pipeline/crawl-queue.ts';
import { completeRunIfDone, prepareRun, runIndex } from '../../pipeline/run-index.ts';
import { formatRunSummary, summarizeRun, type RunSummary } from '../../pipeline/run-summary.ts';
import { loadSeedCatalog } from '../../pipeline/seed-catalog.ts';
import { namespacesSupported } from '../../../crawlers/transports/isolated-stdio-transport.ts';
import { CLASSIFIER_NAMES, createClassifier, type ClassifierName } from '../../../classifiers/create-classifier.ts';
import { rulesClassifier } from '../../../classifiers/rules-classifier.ts';
import { intOption, printJson, withDatabase } from '../context.ts';

interface IndexFlags {
  seed?: string;
  concurrency: number;
  timeout: number;
  resume?: string;
  isolate: boolean;
  json?: boolean;
  queue?: boolean;
  wait?: boolean;
  jobTimeout?: number;
  classifier: ClassifierName;
  llmBaseUrl?: string;
  llmModel?: string;
}

export function registerIndexCommand(program: Command): void {
  program
    .command('index')
    .description('crawl the servers of a seed list, classify their tools and store everything (progress on stderr, summary on stdout)')
    .option('--seed <file>', 'seed list of servers (default: data/seeds/servers.json)')
    .option('--concurrency <n>', 'servers crawled at once', intOption(1, 64), 4)
    .option('--timeout <seconds>', 'time allowed per server from start to its tool list', intOption(1, 3600), 30)
    .option('--resume <run>', 'finish an interrupted run: crawl only its servers not yet done')
    .option('--no-isolate', 'do not run servers in network-less namespaces (not recommended)')
    .option('--json', 'print the summary as JSON')
    .addOption(new Option('--classifier <name>', 'also label tools with this classifier (rules labels are always stored: they are what tools/policy/pages show)').choices(CLASSIFIER_NAMES).default('rules'))
    .option('--llm-base-url <url>', 'OpenAI-compatible endpoint for --classifier llm|ensemble (env MCP_RISK_LLM_BASE_URL)')
    .option('--llm-model <model>', 'model for --classifier llm|ensemble (env MCP_RISK_LLM_MODEL)')
    .option('--queue', 'do not crawl here: put one job per server in the PostgreSQL queue for `mcp-risk worker` (needs DATABASE_URL)')
    .option('--wait', 'with --queue: wait until the workers finish the run, then print its summary')
    .option('--job-timeout <seconds>', 'with --queue: how long a worker may hold one job before another retries it (default: --timeout + 240)', intOption(2, 86_000))
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-risk index
  $ mcp-risk index --seed my-servers.json --concurrency 8 --timeout 60
  $ mcp-risk index --resume 20261124-0903-a1b2c3    (the id printed when a run is interrupted)
  $ DATABASE_URL=postgres://crawler@db.internal/mcp_risk mcp-risk index --queue --wait
      (then, on any machines with the same DATABASE_URL:  mcp-risk worker --concurrency 8)`,
    )
    .action(async (flags: IndexFlags) => {
      const log = createLogger();
      if (flags.queue) return indexToQueue(flags, log);
      if (flags.wait || flags.jobTimeout !== undefined) {
        throw new McpRiskError('BAD_FLAG', `${flags.wait ? '--wait' : '--job-timeout'} only applies with --queue`);
      }
      await withDatabase(async ({ db, location }, config) => {
        const seedFile = flags.seed ?? config.seedFile;
        const candidates = await loadSeedCatalog(seedFile, (name) => credentialFromEnv(name));
        if (flags.isolate && !namespacesSupported()) {
          log.warn('user/network namespaces are not available here: servers run without network isolation (process group only)');
        }
        const controller = new AbortController();
        let interrupts = 0;
        const onSigint = () => {
          interrupts += 1;
          if (interrupts > 1) process.exit(EXIT_INTERRUPTED);
          log.info('\nstopping: finishing in-flight writes (Ctrl-C again to quit at once)');
          controller.abort();
        };
        process.on('SIGINT', onSigint);
        process.on('SIGTERM', onSigint);
        try {
          log.info(`indexing ${candidates.length} servers from ${seedFile} into ${location}`);
          const summary = await runIndex({
            db,
            candidates,
            classifier: rulesClassifier,
            alsoClassify: flags.classifier === 'rules' ? [] : [createClassifier(flags.classifier, llmFlags(flags), { db })],
            concurrency: flags.concurrency,
            crawl: { cacheDir: config.cacheDir, baseEnv: baseServerEnv(), timeoutMs: flags.timeout * 1000, isolate: flags.isolate },
            resumeRunId: flags.resume,
            runOptions: { seedFile },
            signal: controller.signal,
            onRunStarted: (id) => log.info(`run ${id}`),
          });
          printSummary(summary, flags);
          // Crawled but not labelled is not success: say so in the exit code too.
          if (summary.unlabelled > 0 && summary.status !== 'interrupted') {
            throw new McpRiskError('INTERNAL', `${summary.unlabelled} of ${summary.tools} tools were crawled but not labelled`, { hint: 'see the "not stored" messages above; run the same command again to label them' });
          }
          if (summary.status === 'interrupted') {
            log.info(`interrupted: resume with  mcp-risk index --resume ${summary.runId}${flags.seed ? ` --seed ${flags.seed}` : ''}`);
            process.exitCode = EXIT_INTERRUPTED;
          }
        } finally {
          process.off('SIGINT', onSigint);
          process.off('SIGTERM', onSigint);
        }
      });
    });
}

function llmFlags(flags: IndexFlags): LlmFlags {
  const llm: LlmFlags = {};
  if (flags.llmBaseUrl !== undefined) llm.baseUrl = flags.llmBaseUrl;
  if (flags.llmModel !== undefined) llm.model = flags.llmModel;
  return llm;
}

/** The job queue lives in PostgreSQL; the embedded database is one process's, so it cannot share work. */
export function requireQueueDatabase(config: AppConfig, command: string): string {
  if (config.databaseUrl !== undefined) return config.databaseUrl;
  throw new McpRiskError('BAD_CONFIG', `${command} needs PostgreSQL: DATABASE_URL is not set`, {
    hint: 'set DATABASE_URL=postgres://… (every worker uses the same one); `mcp-risk index` without --queue crawls in-process on the embedded database',
  });
}

async function indexToQueue(flags: IndexFlags, log: Logger): Promise<void> {
  const databaseUrl = requireQueueDatabase(loadConfig(), 'index --queue');
  if (flags.jobTimeout !== undefined && flags.jobTimeout <= flags.timeout) {
    throw new McpRiskError('BAD_FLAG', `--job-timeout ${flags.jobTimeout} must be longer than --timeout ${flags.timeout}`, {
      hint: 'a job must outlast its crawl, or live workers would see their jobs retried elsewhere',
    });
  }
  await withDatabase(async ({ db, location }, config) => {
    const seedFile = flags.seed ?? config.seedFile;
    const candidates = await loadSeedCatalog(seedFile, (name) => credentialFromEnv(name));
    const boss = await openCrawlQueue(databaseUrl, { onError: (error) => log.debug(`queue: ${error.message}`) });
    try {
      const { runId, todo, planned } = await prepareRun({
        db,
        candidates,
        resumeRunId: flags.resume,
        runOptions: { seedFile, queue: true, timeout: flags.timeout },
      });
      const pending = await enqueueRun(boss, { runId, candidates: todo, seedFile, timeoutSeconds: flags.timeout, jobTimeoutSeconds: flags.jobTimeout });
      // A resumed run whose servers were all stored already has nothing left for the workers.
      await completeRunIfDone(db, runId, rulesClassifier.info);
      const queued = `run ${runId}: ${pending} of ${planned} servers queued in ${location}`;
      // With --wait, stdout is kept for the summary at the end.
      if (flags.wait) log.info(queued);
      else if (flags.json) printJson({ runId, servers: planned, queued: pending });
      else process.stdout.write(`${queued}\n`);
      log.info(`crawl it with workers on any machines that reach this database, e.g.\n  mcp-risk worker --concurrency 4`);
      if (flags.wait) await waitForRun(db, boss, runId, planned, flags, log);
    } finally {
      await boss.stop({ graceful: false });
    }
  });
}

/** Follow a queued run until it completes, its jobs give up, or Ctrl-C (which leaves the workers going). */
async function waitForRun(db: Db, boss: PgBoss, runId: string, planned: number, flags: IndexFlags, log: Logger): Promise<void> {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let last = '';
  try {
    for (;;) {
      const run = await getRun(db, runId);
      const counts = await runJobCounts(boss, runId);
      const done = Math.max(0, planned - counts.pending - counts.failed);
      const line = `[${done}/${planned}] ${counts.pending} waiting or running, ${counts.failed} failed`;
      if (line !== last) log.info((last = line));
      const summary = async (status: RunSummary['status']) =>
        summarizeRun(db, runId, rulesClassifier.info, Date.now() - (run?.startedAt.getTime() ?? Date.now()), status, planned);
      if (run?.status === 'completed' || (counts.pending === 0 && (await completeRunIfDone(db, runId, rulesClassifier.info)))) {
        printSummary(await summary('completed'), flags);
        return;
      }
      if (counts.pending === 0) {
        printSummary(await summary('running'), flags);
        throw new McpRiskError('INTERNAL', `${counts.failed || 'some'} jobs of run ${runId} gave up after their retries`, {
          hint: `see the workers' logs; queue them again with  mcp-risk index --queue --resume ${runId}`,
        });
      }
      await sleep(1000, undefined, { signal: controller.signal }).catch(() => {});
      if (controller.signal.aborted) {
        log.info(`stopped waiting: the workers go on with run ${runId}`);
        process.exitCode = EXIT_INTERRUPTED;
        return;
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function printSummary(summary: RunSummary, flags: IndexFlags): void {
  if (flags.json) printJson(summary);
  else process.stdout.write(`${formatRunSummary(summary)}\n`);
}
