import type { Command } from 'commander';
import { baseServerEnv, loadConfig } from '../../config.ts';
import { EXIT_INTERRUPTED } from '../../errors.ts';
import { createLogger } from '../../log.ts';
import { runWorker } from '../../pipeline/crawl-queue.ts';
import { namespacesSupported } from '../../../crawlers/transports/isolated-stdio-transport.ts';
import { rulesClassifier } from '../../../classifiers/rules-classifier.ts';
import { intOption, withDatabase } from '../context.ts';
import { requireQueueDatabase } from './index-command.ts';

interface WorkerFlags {
  concurrency: number;
  once?: boolean;
  expiryCheck: number;
  isolate: boolean;
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('crawl servers from the PostgreSQL job queue that `index --queue` fills; run any number, on any machines sharing DATABASE_URL')
    .option('--concurrency <n>', 'servers crawled at once by this worker', intOption(1, 64), 4)
    .option('--once', 'exit when no job is waiting, retrying or running, instead of waiting for more')
    .option('--expiry-check <seconds>', 'how often to look for jobs held by workers that died, to retry them', intOption(1, 3600), 30)
    .option('--no-isolate', 'do not run servers in network-less namespaces (not recommended)')
    .addHelpText(
      'after',
      `
Needs DATABASE_URL (PostgreSQL): the queue lives in its "pgboss" schema next to the catalog.
Ctrl-C stops fetching and finishes the crawls in flight; Ctrl-C again quits at once (their jobs are
retried by another worker once they expire).

Examples:
  $ DATABASE_URL=postgres://crawler@db.internal/mcp_risk mcp-risk worker --concurrency 8
  $ mcp-risk index --queue && mcp-risk worker --once    (enqueue, then crawl until the queue is empty)`,
    )
    .action(async (flags: WorkerFlags) => {
      const log = createLogger();
      const databaseUrl = requireQueueDatabase(loadConfig(), 'worker');
      await withDatabase(async ({ db, location }, config) => {
        if (flags.isolate && !namespacesSupported()) {
          log.warn('user/network namespaces are not available here: servers run without network isolation (process group only)');
        }
        const controller = new AbortController();
        let interrupts = 0;
        const onSignal = () => {
          interrupts += 1;
          if (interrupts > 1) process.exit(EXIT_INTERRUPTED);
          log.info('\nstopping: finishing the crawls in flight (Ctrl-C again to quit at once)');
          controller.abort();
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        try {
          log.info(`worker: ${flags.concurrency} at once, queue in ${location}${flags.once ? ', until the queue is empty' : ''}`);
          const report = await runWorker({
            db,
            databaseUrl,
            classifier: rulesClassifier,
            crawl: { cacheDir: config.cacheDir, baseEnv: baseServerEnv(), isolate: flags.isolate },
            concurrency: flags.concurrency,
            once: flags.once === true,
            expiryCheckSeconds: flags.expiryCheck,
            signal: controller.signal,
            log,
          });
          const runs = report.runsCompleted.length > 0 ? `; completed run ${report.runsCompleted.join(', ')}` : '';
          log.info(`worker stopped: ${report.ok} ok, ${report.failed} failed, ${report.skipped} already stored${runs}`);
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
      });
    });
}
