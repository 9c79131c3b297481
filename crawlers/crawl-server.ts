// Crawls one server: install (npm) → start isolated → initialize → list tools → always kill.
// A server's fault is data: every outcome is a CrawlResult with a status, never a thrown error.
import { setMaxListeners } from 'node:events';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CrawlResult, CrawlStatus, PromptDefinition, ResourceDefinition, ServerCandidate } from '../src/types.ts';
import { installPackage } from './install-package.ts';
import { listAllItems, listAllTools } from './list-capabilities.ts';
import { IsolatedStdioTransport } from './transports/isolated-stdio-transport.ts';

export interface CrawlOptions {
  cacheDir: string;
  /** Time allowed from spawn to the last tools/list page (default 30 s). */
  timeoutMs?: number;
  installTimeoutMs?: number;
  /** Network-less namespaces for stdio servers when supported (default true). */
  isolate?: boolean;
  /** Variables every server gets (PATH, locale); the server's own placeholders are added on top. */
  baseEnv: Record<string, string>;
  maxPages?: number;
  /** Heap cap for node servers, in MB. */
  maxOldSpaceMb?: number;
  signal?: AbortSignal;
}

const CLIENT_INFO = { name: 'mcp-risk', version: '0.1.0' };

export async function crawlServer(candidate: ServerCandidate, options: CrawlOptions): Promise<CrawlResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const fail = (status: CrawlStatus, error: string, stderrTail = '', extra: Partial<CrawlResult['timings']> = {}): CrawlResult => ({
    status,
    error,
    stderrTail,
    tools: [],
    droppedTools: [],
    timings: { ...extra, totalMs: elapsed() },
  });
  if (options.signal?.aborted) return fail('cancelled', 'run cancelled before this server started');

  const { launch } = candidate;
  if (launch.transport !== 'stdio') {
    if (!launch.url) return fail('unsupported', `a ${launch.transport} server needs a url`);
    return connectAndList(candidate, () => remoteTransports(launch.url ?? '', launch.headers), options, started, {});
  }
  if (launch.command) {
    // A bare program name (uvx for PyPI servers, docker, …) must exist here; say so rather than crash.
    if (!launch.command.includes('/') && !onPath(launch.command, options.baseEnv['PATH'] ?? '')) {
      return fail('unsupported', `needs ${launch.command}, which is not installed on this machine`);
    }
    return runStdio(candidate, { command: launch.command, args: [] }, options, started, {});
  }
  if (launch.entry) return runStdio(candidate, nodeProgram(launch.entry, options), options, started, {});
  if (!launch.npmPackage || !launch.npmVersion) return fail('unsupported', 'only npm packages can be run over stdio so far');

  const installStart = performance.now();
  const install = await installPackage({
    cacheDir: options.cacheDir,
    name: launch.npmPackage,
    version: launch.npmVersion,
    bin: launch.bin,
    ...(options.installTimeoutMs !== undefined ? { timeoutMs: options.installTimeoutMs } : {}),
    signal: options.signal,
  });
  const installMs = Math.round(performance.now() - installStart);
  if (!install.ok) {
    if (options.signal?.aborted) return fail('cancelled', 'run cancelled during install', '', { installMs });
    return fail('install_failed', install.reason, install.output, { installMs });
  }
  return runStdio(candidate, nodeProgram(install.value.entry, options), options, started, { installMs });
}

/** The program to start and the arguments that come before the launch's own. */
interface Program {
  command: string;
  args: string[];
}

function nodeProgram(entry: string, options: CrawlOptions): Program {
  // Some packages ship a native executable as their bin (an ELF file): run it as it is.
  if (isNativeExecutable(entry)) return { command: entry, args: [] };
  return { command: process.execPath, args: [`--max-old-space-size=${options.maxOldSpaceMb ?? 1024}`, entry] };
}

function onPath(program: string, pathList: string): boolean {
  return pathList.split(':').some((dir) => dir !== '' && existsSync(path.join(dir, program)));
}

function isNativeExecutable(file: string): boolean {
  try {
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.alloc(4);
      readSync(fd, head, 0, 4, 0);
      return head.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

async function runStdio(
  candidate: ServerCandidate,
  program: Program,
  options: CrawlOptions,
  started: number,
  timings: { installMs?: number },
): Promise<CrawlResult> {
  const { launch } = candidate;
  const workdir = await mkdtemp(path.join(os.tmpdir(), 'mcp-risk-crawl-'));
  try {
    const args = [...program.args, ...launch.args.map((a) => a.replaceAll('{workdir}', workdir))];
    const env = { ...options.baseEnv, HOME: workdir, TMPDIR: workdir, ...launch.env };
    const makeTransport = (): Transport[] => [
      new IsolatedStdioTransport({ command: program.command, args, env, cwd: workdir, isolate: options.isolate !== false }),
    ];
    return await connectAndList(candidate, makeTransport, options, started, timings);
  } finally {
    await rm(workdir, { recursive: true, force: true }).catch(() => {});
  }
}

function remoteTransports(url: string, headers: Record<string, string> | undefined): Transport[] {
  // Streamable HTTP first; the legacy SSE transport as the fallback the spec describes.
  const requestInit = headers ? { requestInit: { headers } } : {};
  return [new StreamableHTTPClientTransport(new URL(url), requestInit), new SSEClientTransport(new URL(url), requestInit)];
}

async function connectAndList(
  candidate: ServerCandidate,
  makeTransports: () => Transport[],
  options: CrawlOptions,
  started: number,
  timings: { installMs?: number },
): Promise<CrawlResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  // Every request of a long listing (one per page) listens on this one signal: not a leak.
  setMaxListeners(0, signal);
  let lastError: unknown;
  let stderrTail = '';
  let stdoutText = '';
  for (const transport of makeTransports()) {
    const client = new Client(CLIENT_INFO, { capabilities: {} });
    const connectStart = performance.now();
    try {
      await withAbort(client.connect(transport, { signal, timeout: timeoutMs }), signal);
      const connectMs = Math.round(performance.now() - connectStart);
      const listStart = performance.now();
      const listed = await withAbort(listAllTools(client, { signal, timeoutMs, ...(options.maxPages !== undefined ? { maxPages: options.maxPages } : {}) }), signal);
      const listMs = Math.round(performance.now() - listStart);
      const extras = await listPromptsAndResources(client, { signal, timeoutMs });
      const version = client.getServerVersion();
      const result: CrawlResult = {
        status: 'ok',
        stderrTail: stderrOf(transport),
        tools: listed.tools,
        droppedTools: listed.dropped,
        ...extras,
        timings: { ...timings, connectMs, listMs, totalMs: Math.round(performance.now() - started) },
      };
      if (listed.truncated) result.error = `stopped after ${listed.pages} pages of tools (page cap)`;
      if (version) {
        result.serverName = version.name;
        result.serverVersion = version.version;
        result.serverInfo = { ...version };
      }
      const protocolVersion = (transport as { protocolVersion?: string }).protocolVersion;
      if (protocolVersion) result.protocolVersion = protocolVersion;
      const instructions = client.getInstructions();
      if (instructions) result.instructions = instructions;
      return result;
    } catch (error) {
      lastError = error;
      stderrTail = stderrOf(transport);
      if (signal.aborted) break; // timed out or cancelled: do not try another transport
    } finally {
      await client.close().catch(() => {});
      await transport.close().catch(() => {});
      if (transport instanceof IsolatedStdioTransport) {
        stderrTail ||= transport.stderr;
        stdoutText = transport.stdoutText;
      }
    }
  }
  const { status, message } = describeFailure(lastError, {
    cancelled: options.signal?.aborted === true,
    timedOut: signal.aborted,
    timeoutMs,
    stderrTail,
    stdoutText,
    remote: candidate.launch.transport !== 'stdio',
  });
  return {
    status,
    error: message,
    stderrTail,
    tools: [],
    droppedTools: [],
    timings: { ...timings, totalMs: Math.round(performance.now() - started) },
  };
}

/** Prompts and resources are listed only when declared; their failure never fails the crawl. */
async function listPromptsAndResources(
  client: Client,
  options: { signal: AbortSignal; timeoutMs: number },
): Promise<Pick<CrawlResult, 'prompts' | 'resources'>> {
  const capabilities = client.getServerCapabilities() ?? {};
  const out: Pick<CrawlResult, 'prompts' | 'resources'> = {};
  if (capabilities.prompts) {
    out.prompts = await listAllItems<PromptDefinition>(client, 'prompts', { ...options, maxPages: 20 }).catch(() => []);
  }
  if (capabilities.resources) {
    out.resources = await listAllItems<ResourceDefinition>(client, 'resources', { ...options, maxPages: 20 }).catch(() => []);
  }
  return out;
}

function stderrOf(transport: Transport): string {
  return transport instanceof IsolatedStdioTransport ? transport.stderr : '';
}

/** Reject as soon as the signal fires, even if the wrapped promise never settles. */
function withAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {}); // it settles later; its rejection must not go unhandled
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

// Servers that refuse to start without credentials say so in their error or on stderr.
// Variable names count too (BRAVE_API_KEY, SLACK_BOT_TOKEN), but not a parser's "unexpected token".
const AUTH_WORDS = /(api[ _-]?key|access[ _-]?token|auth[ _-]?token|bearer|credentials?|unauthori[sz]ed|authenticat\w*|forbidden|\btoken\b)/i;
const AUTH_VARIABLE = /[A-Z0-9]_(TOKEN|KEY|SECRET|PASSWORD|PAT)\b/;
const NOT_AUTH = /unexpected token|invalid or unexpected|syntaxerror/i;

function asksForCredentials(line: string): boolean {
  return (AUTH_WORDS.test(line) || AUTH_VARIABLE.test(line)) && !NOT_AUTH.test(line);
}

function describeFailure(
  error: unknown,
  context: { cancelled: boolean; timedOut: boolean; timeoutMs: number; stderrTail: string; stdoutText: string; remote: boolean },
): { status: CrawlStatus; message: string } {
  if (context.cancelled) return { status: 'cancelled', message: 'run cancelled while this server was being crawled' };
  const message = error instanceof Error ? error.message : String(error);
  if (context.timedOut || /timed out|RequestTimeout/i.test(message)) {
    return { status: 'timeout', message: `no complete answer within ${context.timeoutMs} ms` };
  }
  if (context.remote && /\b(401|403)\b|unauthori[sz]ed/i.test(message)) return { status: 'auth_required', message };
  if (context.remote && /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|fetch failed|socket hang up|\b(502|503|504)\b/i.test(message)) {
    return { status: 'unreachable', message: `could not reach the server: ${message}` };
  }
  if (context.remote && /Connection closed/i.test(message)) return { status: 'protocol_error', message };
  if (/Connection closed|EPIPE|not running|ECONNRESET|ECONNREFUSED/i.test(message)) {
    const lastLine = lastMeaningfulLine(context.stderrTail) || lastMeaningfulLine(context.stdoutText);
    if (asksForCredentials(lastLine)) return { status: 'auth_required', message: `the server exited asking for credentials: ${lastLine}` };
    return { status: 'crashed', message: `the server exited before answering${lastLine ? `: ${lastLine}` : ''}` };
  }
  return { status: 'protocol_error', message };
}

function lastMeaningfulLine(text: string): string {
  // Stack frames, carets, version banners and lone brackets (the end of a printed object) say nothing.
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^at\s|^\^|^Node\.js v/.test(l) && /[A-Za-z0-9]/.test(l));
  return (lines.at(-1) ?? '').slice(0, 300);
}
