// `mcp-risk scan`: one server's verdict without the catalog database. The source is a command (after
// `--`), a URL, an npm package or a saved tools/list file; the outputs are a table, JSON, Markdown,
// SARIF and the client policy exports; --fail-on gates CI with its own exit code.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { CLASSIFIER_NAMES, createClassifier } from '../../../classifiers/create-classifier.ts';
import { baseServerEnv, loadConfig } from '../../config.ts';
import { EXIT_INTERRUPTED, EXIT_SCAN_THRESHOLD, McpRiskError } from '../../errors.ts';
import { resolveAlias } from '../../policy/alias.ts';
import { EXPORT_FORMATS, FORMAT_NAMES, isFormatName, type FormatName } from '../../policy/formats/index.ts';
import { stableJson } from '../../policy/stable-json.ts';
import { buildScanReport } from '../../scan/build-scan-report.ts';
import { exportScanPolicy } from '../../scan/export-scan-policy.ts';
import { gradeRulesMarkdown } from '../../scan/grade-server.ts';
import { loadScanTarget, type ScanSource } from '../../scan/load-scan-target.ts';
import { renderScanMarkdown } from '../../scan/render-scan-markdown.ts';
import { renderScanSarif } from '../../scan/render-scan-sarif.ts';
import { renderScanTable } from '../../scan/render-scan-table.ts';
import { parseNpmSpec } from '../../scan/resolve-npm-package.ts';
import { FAIL_ON_LEVELS, isFailOnLevel, thresholdsMet, type FailOnLevel } from '../../scan/scan-thresholds.ts';
import { intOption } from '../context.ts';

interface ScanFlags {
  url?: string;
  npm?: string;
  bin?: string;
  tools?: string;
  env: string[];
  name?: string;
  timeout: number;
  classifier: string;
  json?: boolean;
  markdown?: boolean;
  sarif?: string;
  sarifLocation?: string;
  export?: string;
  alias?: string;
  failOn?: string;
  failOnFindings?: boolean;
}

export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .argument('[command...]', 'after --: the command that starts a stdio server (or, with --npm, arguments for the package)')
    .description('scan one server (no catalog needed): each tool\'s category, risk, findings and suggested annotations, and an A–F grade')
    .option('--url <url>', 'a remote server: streamable HTTP, with SSE fallback')
    .option('--npm <package>', 'an npm package, PACKAGE[@VERSION|@TAG] (default: latest); installed without install scripts')
    .option('--bin <name>', 'with --npm: the package bin to run when it has several')
    .option('--tools <file>', 'a saved tools/list result ({"tools":[…]} or an array): scans without running anything')
    .option('--env <KEY=VALUE>', 'a variable for the server, e.g. a placeholder token (repeatable; never printed)', collect, [])
    .option('--name <name>', 'the server name in the report and the default alias (default: package, serverInfo or file name)')
    .option('--timeout <ms>', 'time allowed to start the server and list its tools', intOption(1000, 3_600_000), 60_000)
    .option('--classifier <name>', `classifier: ${CLASSIFIER_NAMES.join(', ')}`, 'rules')
    .option('--json', 'print the report as JSON')
    .option('--markdown', 'print the report as Markdown, for a pull-request comment')
    .option('--sarif <file>', 'also write SARIF 2.1.0 to FILE (for code scanning)')
    .option('--sarif-location <path>', 'the repository file SARIF results point at (default: the --tools file, or the server script after --)')
    .option('--export <format>', `print the whole-server policy instead: ${FORMAT_NAMES.join(', ')}`)
    .option('--alias <name>', 'the key your client config gives the server (names rules in --export)')
    .option('--fail-on <risk>', `exit ${EXIT_SCAN_THRESHOLD} when a tool is at or above this risk: ${FAIL_ON_LEVELS.join(', ')}`)
    .option('--fail-on-findings', `exit ${EXIT_SCAN_THRESHOLD} on a hostile-description finding (medium or worse) or an annotation contradiction`)
    .addHelpText(
      'after',
      `
Options go before "--"; everything after it is the server's own command line. The server runs in
a temporary directory with a scrubbed environment and, where the machine allows, no network.

Examples:
  $ mcp-risk scan -- node ./dist/index.js
  $ mcp-risk scan --npm @modelcontextprotocol/server-filesystem -- /tmp
  $ mcp-risk scan --npm @modelcontextprotocol/server-github --env GITHUB_PERSONAL_ACCESS_TOKEN=placeholder
  $ mcp-risk scan --url http://127.0.0.1:3000/mcp --json
  $ mcp-risk scan --tools tools.json --sarif mcp-risk.sarif --fail-on high
  $ mcp-risk scan --tools tools.json --markdown > comment.md
  $ mcp-risk scan --npm @modelcontextprotocol/server-memory --export claude-code --alias memory

Exit codes: 0 scanned, threshold not met · 1 internal error · 2 bad input, or the server could not
be listed · ${EXIT_SCAN_THRESHOLD} a --fail-on/--fail-on-findings threshold was met (outputs are still written) · ${EXIT_INTERRUPTED} interrupted

Grades (each rule caps the grade; the worst applies):
${gradeRulesMarkdown()}`,
    )
    .action(async (command: string[], flags: ScanFlags) => {
      const source = scanSource(command, flags);
      const output = outputKind(flags);
      const failOn = failOnLevel(flags.failOn);
      const format = exportFormat(flags.export);
      if (format !== undefined && flags.alias !== undefined) {
        const client = EXPORT_FORMATS[format].aliasClient;
        if (client !== undefined) resolveAlias({ serverName: 'check', alias: flags.alias, client }); // fail before crawling
      }
      const classifier = createClassifier(flags.classifier);
      const config = loadConfig();
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      let server;
      try {
        if (source.kind !== 'tools-file') process.stderr.write(`mcp-risk: listing the tools of ${describe(source)}…\n`);
        server = await loadScanTarget(source, {
          crawl: { cacheDir: config.cacheDir, baseEnv: baseServerEnv(), timeoutMs: flags.timeout, signal: controller.signal },
          env: parseEnv(flags.env),
          name: flags.name,
          cwd: process.cwd(),
        });
      } catch (error) {
        if (!controller.signal.aborted) throw error;
        process.stderr.write('mcp-risk: scan interrupted; the server was stopped\n');
        process.exitCode = EXIT_INTERRUPTED;
        return;
      } finally {
        process.off('SIGINT', onSigint);
      }
      const report = await buildScanReport(server, classifier);
      if (flags.sarif !== undefined) {
        await mkdir(path.dirname(path.resolve(flags.sarif)), { recursive: true });
        await writeFile(flags.sarif, renderScanSarif(report, { artifactPath: sarifArtifact(source, flags.sarifLocation) }));
      }
      if (format !== undefined) process.stdout.write(exportScanPolicy(report, format, flags.alias).text);
      else if (output === 'json') process.stdout.write(`${stableJson(report)}\n`);
      else if (output === 'markdown') process.stdout.write(renderScanMarkdown(report));
      else process.stdout.write(renderScanTable(report, { colour: process.stdout.isTTY === true && process.stdout.hasColors() }));

      const met = thresholdsMet(report, { failOn, failOnFindings: flags.failOnFindings });
      if (met.length > 0) {
        throw new McpRiskError('SCAN_THRESHOLD_MET', `${report.server.name} (grade ${report.grade}) fails the threshold: ${met.join('; ')}`, {
          hint: 'the report above says why and how to fix each tool; loosen --fail-on only if the risk is accepted',
        });
      }
    });
}

function scanSource(command: string[], flags: ScanFlags): ScanSource {
  const given = [flags.url !== undefined && '--url', flags.npm !== undefined && '--npm', flags.tools !== undefined && '--tools'].filter((x): x is string => x !== false);
  if (given.length > 1) throw new McpRiskError('BAD_FLAG', `${given.join(' and ')} name different servers; give one`, { hint: 'scan one server per run' });
  if (flags.bin !== undefined && flags.npm === undefined) throw new McpRiskError('BAD_FLAG', '--bin applies to --npm only');
  if (flags.npm !== undefined) return { kind: 'npm', spec: parseNpmSpec(flags.npm), args: command, bin: flags.bin };
  if (given.length === 1 && command.length > 0) {
    throw new McpRiskError('BAD_FLAG', `a command after -- and ${given[0]} name different servers`, { hint: 'give either -- <command> [args…] or one of --url, --npm, --tools' });
  }
  if (flags.url !== undefined) {
    let url: URL;
    try {
      url = new URL(flags.url);
    } catch {
      throw new McpRiskError('BAD_FLAG', `--url "${flags.url}" is not a URL`, { hint: 'e.g. --url http://127.0.0.1:3000/mcp' });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new McpRiskError('BAD_FLAG', `--url must be http(s), got ${url.protocol}`);
    return { kind: 'url', url: url.toString() };
  }
  if (flags.tools !== undefined) return { kind: 'tools-file', file: flags.tools };
  const [program, ...args] = command;
  if (program === undefined || program.length === 0) {
    throw new McpRiskError('BAD_FLAG', 'nothing to scan', { hint: 'give -- <command> [args…], --url URL, --npm PACKAGE or --tools FILE (see mcp-risk scan --help)' });
  }
  return { kind: 'command', command: program, args };
}

function outputKind(flags: ScanFlags): 'json' | 'markdown' | 'table' {
  const chosen = [flags.json === true && '--json', flags.markdown === true && '--markdown', flags.export !== undefined && '--export'].filter((x): x is string => x !== false);
  if (chosen.length > 1) throw new McpRiskError('BAD_FLAG', `${chosen.join(' and ')} both print to stdout; choose one`, { hint: '--sarif FILE can go with any of them' });
  return flags.json === true ? 'json' : flags.markdown === true ? 'markdown' : 'table';
}

function failOnLevel(value: string | undefined): FailOnLevel | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (!isFailOnLevel(lower)) throw new McpRiskError('BAD_FLAG', `--fail-on "${value}" is not a risk level`, { hint: `allowed: ${FAIL_ON_LEVELS.join(', ')}` });
  return lower;
}

function exportFormat(value: string | undefined): FormatName | undefined {
  if (value === undefined) return undefined;
  if (!isFormatName(value)) throw new McpRiskError('BAD_FLAG', `--export "${value}" is not a policy format`, { hint: `allowed: ${FORMAT_NAMES.join(', ')}` });
  return value;
}

function parseEnv(pairs: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  pairs.forEach((pair, i) => {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq) : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      // The value may be a real secret typed without its key: never echo it.
      throw new McpRiskError('BAD_FLAG', `--env number ${i + 1} is not KEY=VALUE with a variable name before "="`, { hint: 'e.g. --env GITHUB_PERSONAL_ACCESS_TOKEN=placeholder' });
    }
    env[key] = pair.slice(eq + 1);
  });
  return env;
}

/**
 * GitHub code scanning drops results without a file to show them on: the file given, else the saved
 * tools list, else the first argument of the server command that is a file under this directory.
 */
function sarifArtifact(source: ScanSource, given: string | undefined): string | undefined {
  const candidates = given !== undefined ? [given] : source.kind === 'tools-file' ? [source.file] : source.kind === 'command' ? source.args : [];
  for (const candidate of candidates) {
    const relative = path.relative(process.cwd(), path.resolve(candidate));
    if (given !== undefined || (existsSync(candidate) && !relative.startsWith('..') && !path.isAbsolute(relative))) return relative.split(path.sep).join('/');
  }
  return undefined;
}

function describe(source: ScanSource): string {
  switch (source.kind) {
    case 'command':
      return [source.command, ...source.args].join(' ');
    case 'url':
      return source.url;
    case 'npm':
      return `${source.spec.name}@${source.spec.version ?? 'latest'}`;
    case 'tools-file':
      return source.file;
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
