// `mcp-risk scan` on a 5,000-tool fixture server: wall time after the server has answered (classify,
// review, grade, and render every output: table, JSON, Markdown, SARIF and the five policy exports),
// against classification alone measured in the same run. Target: under 2 s.
// Run alone: node --import tsx test/bench/scan-bench.ts
import { pathToFileURL } from 'node:url';
import { rulesClassifier } from '../../classifiers/rules-classifier.ts';
import { crawlServer } from '../../crawlers/crawl-server.ts';
import { FORMAT_NAMES } from '../../src/policy/formats/index.ts';
import { stableJson } from '../../src/policy/stable-json.ts';
import { buildScanReport, type ScannedServer } from '../../src/scan/build-scan-report.ts';
import { exportScanPolicy } from '../../src/scan/export-scan-policy.ts';
import { renderScanMarkdown } from '../../src/scan/render-scan-markdown.ts';
import { renderScanSarif } from '../../src/scan/render-scan-sarif.ts';
import { renderScanTable } from '../../src/scan/render-scan-table.ts';
import type { ToolDefinition } from '../../src/types.ts';
import { fixtureCandidate, testCrawlOptions } from '../helpers/fixture-servers.ts';
import { formatTable, peakRssMb, type BenchRow } from './bench-table.ts';

const TOOL_COUNT = 5000;

/** Everything `scan` does once the tools are in hand; returns the bytes written, so nothing is optimised away. */
async function scanAfterAnswer(server: ScannedServer): Promise<{ bytes: number; stages: Record<string, number> }> {
  const stages: Record<string, number> = {};
  const time = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const value = await fn();
    stages[name] = (performance.now() - start) / 1000;
    return value;
  };
  const report = await time('classify + review + grade', () => buildScanReport(server, rulesClassifier));
  let bytes = 0;
  bytes += (await time('render table', () => renderScanTable(report))).length;
  bytes += (await time('render JSON', () => stableJson(report))).length;
  bytes += (await time('render Markdown', () => renderScanMarkdown(report))).length;
  bytes += (await time('render SARIF', () => renderScanSarif(report))).length;
  bytes += (await time('render 5 policy exports', () => FORMAT_NAMES.map((f) => exportScanPolicy(report, f, 'huge').text).join(''))).length;
  return { bytes, stages };
}

export async function benchScan(): Promise<BenchRow[]> {
  const listStart = performance.now();
  const crawl = await crawlServer(
    fixtureCandidate('huge-server.mjs', { env: { FIXTURE_TOOL_COUNT: String(TOOL_COUNT) } }),
    testCrawlOptions({ timeoutMs: 120_000 }),
  );
  const listSeconds = (performance.now() - listStart) / 1000;
  if (crawl.status !== 'ok' || crawl.tools.length !== TOOL_COUNT) throw new Error(`huge-server: ${crawl.status} ${crawl.error ?? ''} (${crawl.tools.length} tools)`);
  const server = (tools: readonly ToolDefinition[]): ScannedServer => ({ name: 'fixture-huge-server', source: 'command', target: 'huge-server.mjs', tools, dropped: [] });

  // Warm the JIT on a slice, as a long-lived process would be; the timed runs below are cold for data.
  await scanAfterAnswer(server(crawl.tools.slice(0, 500)));

  const baseStart = performance.now();
  let sink = 0;
  for (const tool of crawl.tools) sink += rulesClassifier.classify(tool, { name: 'fixture-huge-server' }) === undefined ? 0 : 1;
  const baseSeconds = (performance.now() - baseStart) / 1000;
  if (sink !== TOOL_COUNT) throw new Error('unreachable');

  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const { bytes, stages } = await scanAfterAnswer(server(crawl.tools));
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  // CPU seconds of this process too: on a shared, loaded machine wall time measures the neighbours.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (bytes === 0) throw new Error('no output');

  const rows: BenchRow[] = [
    { stage: `scan: list ${TOOL_COUNT} tools from huge-server (spawn, initialize, 10 pages)`, items: TOOL_COUNT, seconds: listSeconds, perSecond: TOOL_COUNT / listSeconds, peakRssMb: peakRssMb() },
    { stage: 'scan: classification alone (rules)', items: TOOL_COUNT, seconds: baseSeconds, perSecond: TOOL_COUNT / baseSeconds, peakRssMb: peakRssMb() },
    {
      stage: `scan after the server answered: classify, grade, all outputs (${Math.round(bytes / 1024)} KiB; target < 2 s)`,
      items: TOOL_COUNT,
      seconds,
      perSecond: TOOL_COUNT / seconds,
      peakRssMb: peakRssMb(),
      baseline: 'classification alone (ratio = scan rate / classification rate)',
      ratio: TOOL_COUNT / seconds / (TOOL_COUNT / baseSeconds),
    },
  ];
  rows.push({ stage: 'scan after the server answered, CPU time of this process', items: TOOL_COUNT, seconds: cpuSeconds, perSecond: TOOL_COUNT / cpuSeconds, peakRssMb: peakRssMb() });
  for (const [name, s] of Object.entries(stages)) {
    rows.push({ stage: `  ${name}`, items: TOOL_COUNT, seconds: s, perSecond: TOOL_COUNT / Math.max(s, 1e-6), peakRssMb: peakRssMb() });
  }
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatTable(await benchScan()));
}
