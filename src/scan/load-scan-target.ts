// Turns what the user pointed `scan` at into a server's tools: a saved tools/list file is read; a
// command, URL or npm package is crawled by the same crawlServer the index uses (same isolation,
// same transports, same salvage of malformed tools). A server that cannot be listed is an error here,
// because a scan without tools has no verdict to give.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { crawlServer, type CrawlOptions } from '../../crawlers/crawl-server.ts';
import { McpRiskError } from '../errors.ts';
import type { CrawlResult, ServerCandidate, ServerLaunch } from '../types.ts';
import type { ScannedServer } from './build-scan-report.ts';
import { readToolsFile } from './read-tools-file.ts';
import { resolveNpmPackage, type NpmSpec } from './resolve-npm-package.ts';

export type ScanSource =
  | { kind: 'command'; command: string; args: string[] }
  | { kind: 'url'; url: string }
  /** `args` go to the package's bin (e.g. the directory server-filesystem may serve). */
  | { kind: 'npm'; spec: NpmSpec; args: string[]; bin?: string | undefined }
  | { kind: 'tools-file'; file: string };

export interface LoadOptions {
  crawl: CrawlOptions;
  /** Extra variables for the server (placeholders for credentials), on top of crawl.baseEnv. */
  env: Record<string, string>;
  /** The server's name in the report; defaults to what the source says (package, serverInfo, file). */
  name?: string | undefined;
  /** The directory relative paths on the command line are relative to. */
  cwd: string;
  registryUrl?: string | undefined;
}

export async function loadScanTarget(source: ScanSource, options: LoadOptions): Promise<ScannedServer> {
  switch (source.kind) {
    case 'tools-file': {
      const { tools, dropped } = await readToolsFile(source.file);
      const name = options.name ?? path.basename(source.file).replace(/\.json$/i, '').replace(/[-_.]?tools$/i, '');
      return { name: name || 'server', source: 'tools-file', target: source.file, tools, dropped };
    }
    case 'url': {
      const launch: ServerLaunch = { transport: 'streamable-http', url: source.url, args: [], env: {} };
      const result = await crawl(candidateFor(source.url, launch), options);
      return fromCrawl(result, { source: 'url', target: source.url, fallbackName: new URL(source.url).hostname }, options);
    }
    case 'command': {
      const command = localPath(source.command, options.cwd);
      const args = source.args.map((arg) => localPath(arg, options.cwd));
      const launch: ServerLaunch = { transport: 'stdio', command, args, env: options.env };
      const target = [source.command, ...source.args].join(' ');
      const result = await crawl(candidateFor(target, launch), options);
      return fromCrawl(result, { source: 'command', target, fallbackName: path.basename(source.command) }, options);
    }
    case 'npm': {
      const resolved = await resolveNpmPackage(source.spec, options.registryUrl === undefined ? {} : { registryUrl: options.registryUrl });
      const args = source.args.map((arg) => localPath(arg, options.cwd));
      const launch: ServerLaunch = { transport: 'stdio', npmPackage: resolved.name, npmVersion: resolved.version, args, env: options.env };
      if (source.bin !== undefined) launch.bin = source.bin;
      const target = `${resolved.name}@${resolved.version}`;
      const result = await crawl(candidateFor(target, launch, resolved.description), options);
      // The package name is what users key their config by, not whatever serverInfo.name says.
      const scanned = fromCrawl(result, { source: 'npm', target, fallbackName: resolved.name }, { ...options, name: options.name ?? resolved.name });
      scanned.version = resolved.version;
      if (resolved.description !== undefined) scanned.description = resolved.description;
      return scanned;
    }
  }
}

function candidateFor(target: string, launch: ServerLaunch, description?: string): ServerCandidate {
  const candidate: ServerCandidate = { id: target, name: target, source: 'scan', launch };
  if (description !== undefined) candidate.description = description;
  return candidate;
}

async function crawl(candidate: ServerCandidate, options: LoadOptions): Promise<CrawlResult> {
  return crawlServer(candidate, options.crawl);
}

function fromCrawl(
  result: CrawlResult,
  where: { source: ScannedServer['source']; target: string; fallbackName: string },
  options: LoadOptions,
): ScannedServer {
  if (result.status !== 'ok') {
    const tail = result.stderrTail.trim().split('\n').slice(-3).join(' | ');
    throw new McpRiskError('SCAN_TARGET_FAILED', `could not list the tools of ${where.target}: ${result.status}${result.error ? `: ${result.error}` : ''}`, {
      hint: HINTS[result.status] ?? (tail ? `the server's last words: ${tail.slice(0, 300)}` : 'run it by hand to see why'),
    });
  }
  const scanned: ScannedServer = {
    name: options.name ?? result.serverName ?? where.fallbackName,
    source: where.source,
    target: where.target,
    tools: result.tools,
    dropped: result.droppedTools,
  };
  if (result.serverVersion !== undefined) scanned.version = result.serverVersion;
  return scanned;
}

const HINTS: Partial<Record<CrawlResult['status'], string>> = {
  auth_required: 'give the server placeholder credentials with --env KEY=VALUE (they are never printed), or scan a saved tools/list with --tools FILE',
  timeout: 'raise --timeout, or scan a saved tools/list with --tools FILE',
  install_failed: 'check the package name and version; install scripts are never run',
  crashed: 'it may need arguments (after --) or variables (--env KEY=VALUE); run it by hand to see why',
};

/**
 * The server runs in a fresh temporary directory, so a relative path the user typed
 * (`scan -- node ./dist/index.js`) would not be found there: an argument naming an existing file or
 * directory relative to the user's directory is made absolute. Options and other words are kept.
 */
function localPath(arg: string, cwd: string): string {
  if (arg.startsWith('-') || path.isAbsolute(arg) || !/[./\\]/.test(arg)) return arg;
  const candidate = path.resolve(cwd, arg);
  return existsSync(candidate) ? candidate : arg;
}
