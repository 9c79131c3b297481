import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { McpRiskError } from '../../errors.ts';
import { serveSite } from '../../pages/serve-site.ts';
import { DEFAULT_HOST, DEFAULT_PORT, createHttpServer } from '../../api/http-server.ts';
import { createLogger } from '../../log.ts';
import { rulesClassifier } from '../../../classifiers/rules-classifier.ts';
import { intOption, withDatabase } from '../context.ts';

interface ServeFlags {
  host: string;
  port: number;
  site?: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the catalog and its policies over HTTP (JSON; OpenAPI document at /openapi.json)')
    .option('--host <address>', 'address to listen on; anything but loopback exposes the catalog to the network', DEFAULT_HOST)
    .option('--port <n>', 'port to listen on (0 picks a free one)', intOption(0, 65_535), DEFAULT_PORT)
    .option('--site <dir>', 'also serve the static pages built by `mcp-risk pages` (default: data/site when it exists)')
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-risk serve
  $ mcp-risk serve --port 9000
  $ curl 'http://127.0.0.1:8787/v1/tools?name=delete_entities'
  $ curl 'http://127.0.0.1:8787/v1/policy?tool=memory/delete_entities&format=claude-code'
  $ curl 'http://127.0.0.1:8787/v1/policy?tool=search&merge=1'

Routes: GET /v1/tools?name=  /v1/servers/{id}  /v1/policy?tool=&server=&format=&alias=&merge=1
        /openapi.json  /healthz      (Ctrl-C stops the server)`,
    )
    .action(async (flags: ServeFlags) => {
      await withDatabase(async ({ db }, config) => {
        const logger = createLogger({ debug: config.debug });
        const siteDir = flags.site ?? path.join(config.dataDir, 'site');
        if (flags.site !== undefined && !existsSync(siteDir)) {
          throw new McpRiskError('BAD_FLAG', `--site ${flags.site}: no such directory`, { hint: 'build it first with `mcp-risk pages --out DIR`' });
        }
        const site = existsSync(siteDir) ? serveSite(siteDir) : undefined;
        const api = createHttpServer({ db, classifier: rulesClassifier.info, logger, site });
        const url = await api.listen({ host: flags.host, port: flags.port });
        process.stderr.write(`mcp-risk: serving ${url} (OpenAPI at ${url}/openapi.json${site ? `, pages from ${siteDir}` : ''}); Ctrl-C to stop\n`);
        const signal = await new Promise<NodeJS.Signals>((resolve) => {
          const stop = (received: NodeJS.Signals) => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve(received);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        process.stderr.write(`mcp-risk: ${signal}: closing\n`);
        // In-flight requests finish before the database (closed by withDatabase) goes away.
        await api.close();
      });
    });
}
