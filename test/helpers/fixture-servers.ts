// Server candidates for the fixture servers in test/fixtures/servers and public servers installed as
// dev dependencies, run from their local files (no install step).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseServerEnv } from '../../src/config.ts';
import type { ServerCandidate } from '../../src/types.ts';
import type { CrawlOptions } from '../../crawlers/crawl-server.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURE_DIR = path.join(ROOT, 'test', 'fixtures', 'servers');

export function fixtureCandidate(file: string, options: { id?: string; env?: Record<string, string>; args?: string[] } = {}): ServerCandidate {
  const id = options.id ?? path.basename(file, '.mjs');
  return {
    id,
    name: id,
    source: 'test',
    launch: { transport: 'stdio', entry: path.join(FIXTURE_DIR, file), args: options.args ?? [], env: options.env ?? {} },
  };
}

/** @modelcontextprotocol/server-memory, a public server installed as a dev dependency. */
export function memoryServerCandidate(): ServerCandidate {
  return {
    id: 'memory',
    name: 'Knowledge Graph Memory',
    description: 'A knowledge graph memory for agents',
    source: 'test',
    domain: 'reference',
    launch: {
      transport: 'stdio',
      entry: path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'server-memory', 'dist', 'index.js'),
      args: [],
      env: {},
    },
  };
}

export function testCrawlOptions(overrides: Partial<CrawlOptions> = {}): CrawlOptions {
  return { cacheDir: path.join(ROOT, 'test-output', 'cache'), baseEnv: baseServerEnv(), timeoutMs: 20_000, ...overrides };
}
