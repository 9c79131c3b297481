// The only reader of process.env. Precedence: flags > env > defaults; defaults work offline.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package root (where package.json is), whether we run from src/ via tsx or from dist/. */
export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'migrations'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the mcp-risk package root above ${start}`);
    dir = parent;
  }
}

export interface AppConfig {
  /** PostgreSQL URL; when absent the embedded PGlite database under dataDir is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  pgliteDir: string;
  /** Where npm packages of crawled servers are installed, one folder per package version. */
  cacheDir: string;
  migrationsDir: string;
  seedFile: string;
  debug: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = path.resolve(env['MCP_RISK_DATA_DIR'] ?? path.join(PROJECT_ROOT, 'data'));
  return {
    databaseUrl: nonEmpty(env['DATABASE_URL']),
    dataDir,
    pgliteDir: path.resolve(env['MCP_RISK_PGLITE_DIR'] ?? path.join(dataDir, 'pglite')),
    cacheDir: path.resolve(env['MCP_RISK_CACHE_DIR'] ?? path.join(dataDir, 'cache')),
    migrationsDir: path.join(PROJECT_ROOT, 'migrations'),
    seedFile: path.join(PROJECT_ROOT, 'data', 'seeds', 'servers.json'),
    debug: env['MCP_RISK_DEBUG'] === '1',
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Variables a crawled server inherits: enough to run node, nothing secret. */
export function baseServerEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const keep = ['PATH', 'LANG', 'LC_ALL', 'TZ'];
  const out: Record<string, string> = {};
  for (const key of keep) {
    const value = env[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
