import type { Command } from 'commander';
import { baseServerEnv } from '../../config.ts';
import { EXIT_INTERRUPTED } from '../../errors.ts';
import { createLogger } from '../../log.ts';
import { runIndex } from '../../pipeline/run-index.ts';
import { formatRunSummary } from '../../pipeline/run-summary.ts';
import { loadSeedCatalog } from '../../pipeline/seed-catalog.ts';
import { namespacesSupported } from '../../../crawlers/transports/isolated-stdio-transport.ts';
import { rulesClassifier } from '../../../classifiers/rules-classifier.ts';
import { intOption, printJson, withDatabase } from '../context.ts';

interface IndexFlags {
  seed?: string;
  concurrency: number;
  timeout: number;
  resume?: string;
  isolate: boolean;
  json?: boolean;
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
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-risk index
  $ mcp-risk index --seed my-servers.json --concurrency 8 --timeout 60
  $ mcp-risk index --resume 20261124-0903-a1b2c3    (the id printed when a run is interrupted)`,
    )
    .action(async (flags: IndexFlags) => {
      const log = createLogger();
      await withDatabase(async ({ db, location }, config) => {
        const seedFile = flags.seed ?? config.seedFile;
        const candidates = await loadSeedCatalog(seedFile);
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
            concurrency: flags.concurrency,
            crawl: { cacheDir: config.cacheDir, baseEnv: baseServerEnv(), timeoutMs: flags.timeout * 1000, isolate: flags.isolate },
            resumeRunId: flags.resume,
            runOptions: { seedFile },
            signal: controller.signal,
            onRunStarted: (id) => log.info(`run ${id}`),
          });
          if (flags.json) printJson(summary);
          else process.stdout.write(`${formatRunSummary(summary)}\n`);
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
