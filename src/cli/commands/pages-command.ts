import path from 'node:path';
import type { Command } from 'commander';
import { McpRiskError } from '../../errors.ts';
import { createLogger } from '../../log.ts';
import { DEFAULT_BASE_URL, writeSite } from '../../pages/write-site.ts';
import { classifyWithRules, rulesClassifier } from '../../../classifiers/rules-classifier.ts';
import { printJson, withDatabase } from '../context.ts';

interface PagesFlags {
  out?: string;
  baseUrl: string;
  json?: boolean;
  quiet?: boolean;
}

export function registerPagesCommand(program: Command): void {
  program
    .command('pages')
    .description('build the static site: a risk page per tool and server, indexes, search, sitemap and JSON files')
    .option('--out <dir>', 'output directory (default: data/site)')
    .option('--base-url <url>', 'absolute URL the site is served from (for sitemap.xml)', DEFAULT_BASE_URL)
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'no progress on stderr')
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-risk pages                              build into data/site
  $ mcp-risk pages --out /tmp/site --base-url https://risk.example.org/
  $ mcp-risk pages --json | jq .written

A rerun rewrites only the files whose content changed; the same data gives byte-identical files.`,
    )
    .action(async (flags: PagesFlags) => {
      let base: URL;
      try {
        base = new URL(flags.baseUrl);
      } catch {
        throw new McpRiskError('BAD_FLAG', `--base-url "${flags.baseUrl}" is not an absolute URL`, { hint: 'e.g. --base-url https://risk.example.org/' });
      }
      if (base.protocol !== 'http:' && base.protocol !== 'https:') {
        throw new McpRiskError('BAD_FLAG', `--base-url must be http or https, got "${base.protocol}"`, { hint: 'e.g. --base-url https://risk.example.org/' });
      }
      await withDatabase(async ({ db }, config) => {
        const outDir = path.resolve(flags.out ?? path.join(config.dataDir, 'site'));
        const log = createLogger({ quiet: flags.quiet === true });
        log.info(`building the site in ${outDir}`);
        let lastPrint = 0;
        const summary = await writeSite(db, {
          outDir,
          baseUrl: base.toString(),
          classifier: rulesClassifier.info,
          quickLabel: (tool) => classifyWithRules(tool),
          onProgress: ({ servers, tools }) => {
            const now = Date.now();
            if (now - lastPrint >= 2_000) {
              lastPrint = now;
              log.info(`… ${servers} servers, ${tools} tools`);
            }
          },
        });
        if (flags.json) return printJson({ outDir, ...summary });
        process.stdout.write(
          `${summary.pages} pages for ${summary.tools} tools on ${summary.servers} servers in ${outDir}\n` +
            `${summary.written} files written, ${summary.unchanged} unchanged, ${summary.deleted} removed, ${summary.seconds.toFixed(1)} s\n`,
        );
      });
    });
}
