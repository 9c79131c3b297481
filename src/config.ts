// The only reader of process.env. Precedence: flags > env > defaults; defaults work offline.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { McpRiskError } from './errors.ts';

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

/**
 * Credentials for crawled servers, named in seed files as `${NAME}`: read from the environment at
 * crawl time, never stored or printed.
 */
export function credentialFromEnv(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
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

// ---- LLM classifier ---------------------------------------------------------------------

export const LLM_RESPONSE_FORMATS = ['json_schema', 'json_object'] as const;
export type LlmResponseFormat = (typeof LLM_RESPONSE_FORMATS)[number];

export const DEFAULT_LLM_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_LLM_MODEL = 'gpt-4o-mini';

export interface LlmConfig {
  /** Any OpenAI-compatible endpoint (OpenAI, a gateway, Ollama, vLLM, llama.cpp …). */
  baseUrl: string;
  model: string;
  /** Undefined is allowed for local servers that need no key; the hosted default requires one. */
  apiKey: string | undefined;
  /** Requests in flight at once. */
  concurrency: number;
  /** Per request, including the model's generation time. */
  timeoutMs: number;
  /** Retries the openai client makes itself (429, 5xx, connection errors) before we fall back to rules. */
  maxRetries: number;
  /** `json_schema` (structured outputs) where the server supports it; `json_object` for older servers. */
  responseFormat: LlmResponseFormat;
}

/** What the command line may override (flags > env > defaults). */
export type LlmFlags = Partial<Pick<LlmConfig, 'baseUrl' | 'model' | 'apiKey' | 'concurrency' | 'timeoutMs' | 'maxRetries' | 'responseFormat'>>;

/**
 * The LLM settings, read only when an LLM classifier is asked for, so a bad LLM variable never
 * breaks the offline commands. Throws BAD_CONFIG naming the variable and the allowed values.
 */
export function loadLlmConfig(flags: LlmFlags = {}, env: NodeJS.ProcessEnv = process.env): LlmConfig {
  const baseUrl = flags.baseUrl ?? nonEmpty(env['MCP_RISK_LLM_BASE_URL']) ?? DEFAULT_LLM_BASE_URL;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new McpRiskError('BAD_CONFIG', `the LLM base URL "${baseUrl}" is not an http(s) URL`, {
      hint: 'set --llm-base-url or MCP_RISK_LLM_BASE_URL to e.g. http://127.0.0.1:11434/v1',
    });
  }
  const responseFormat = flags.responseFormat ?? nonEmpty(env['MCP_RISK_LLM_RESPONSE_FORMAT']) ?? 'json_schema';
  if (!isResponseFormat(responseFormat)) {
    throw new McpRiskError('BAD_CONFIG', `MCP_RISK_LLM_RESPONSE_FORMAT is "${responseFormat}"`, {
      hint: `allowed: ${LLM_RESPONSE_FORMATS.join(', ')}`,
    });
  }
  return {
    baseUrl,
    model: flags.model ?? nonEmpty(env['MCP_RISK_LLM_MODEL']) ?? DEFAULT_LLM_MODEL,
    apiKey: flags.apiKey ?? nonEmpty(env['MCP_RISK_LLM_API_KEY']) ?? nonEmpty(env['OPENAI_API_KEY']),
    concurrency: flags.concurrency ?? intEnv(env, 'MCP_RISK_LLM_CONCURRENCY', 4, 1, 256),
    timeoutMs: flags.timeoutMs ?? intEnv(env, 'MCP_RISK_LLM_TIMEOUT_MS', 60_000, 100, 3_600_000),
    maxRetries: flags.maxRetries ?? intEnv(env, 'MCP_RISK_LLM_MAX_RETRIES', 2, 0, 10),
    responseFormat,
  };
}

function isResponseFormat(value: string): value is LlmResponseFormat {
  return (LLM_RESPONSE_FORMATS as readonly string[]).includes(value);
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new McpRiskError('BAD_CONFIG', `${name} is "${raw}"`, { hint: `expected a whole number from ${min} to ${max}` });
  }
  return n;
}
