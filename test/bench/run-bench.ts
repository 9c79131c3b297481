// `npm run bench`: the machine, then one table per benchmark, also written to test-output/bench.md.
// Benchmarks are imported one by one, so a missing or failing one is reported and the rest still run.
// Nothing here asserts on times: the numbers are for reading, and ratios compare within one run.
//   npm run bench -- [--only crawl,classifier,pages,scan,policy-lookup,pipeline-postgres,pipeline-pglite] [--quick] [--tools N]
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { POSTGRES_URL } from '../helpers/databases.ts';
import { formatTable, type BenchRow } from './bench-table.ts';

/** PGlite is single-threaded and in-process: a fifth of the PostgreSQL size, at most 200,000 tools. */
const PGLITE_MAX_TOOLS = 200_000;

interface Bench {
  name: string;
  title: string;
  run(): Promise<BenchRow[]>;
}

function parseArgs(argv: string[]): { only: Set<string> | undefined; quick: boolean; tools: number | undefined } {
  let only: Set<string> | undefined;
  let quick = false;
  let tools: number | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--only') only = new Set((argv[++i] ?? '').split(',').map((s) => s.trim()).filter(Boolean));
    else if (arg === '--tools') {
      tools = Number(argv[++i]);
      if (!Number.isInteger(tools) || tools < 100) throw new Error(`--tools wants a whole number ≥ 100, got "${argv[i] ?? ''}"`);
    } else throw new Error(`unknown flag "${arg ?? ''}"; use --only <name,...>, --quick, --tools N`);
  }
  return { only, quick, tools };
}

async function postgresVersion(): Promise<string> {
  const client = postgres(POSTGRES_URL, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    const rows = await client<{ version: string }[]>`select version()`;
    return rows[0]?.version.split(' on ')[0] ?? 'unknown';
  } catch {
    return `not reachable at ${POSTGRES_URL}`;
  } finally {
    await client.end({ timeout: 1 });
  }
}

async function machine(): Promise<string> {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus[0]?.model ?? 'unknown'} × ${os.availableParallelism()} (${cpus.length} logical)`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}`,
    `- Node ${process.version}, ${await postgresVersion()}`,
    `- date: ${new Date().toISOString()} (other work may share the machine: compare ratios within a run)`,
  ].join('\n');
}

function benches(quick: boolean, toolsFlag: number | undefined): Bench[] {
  const pgTools = toolsFlag ?? (quick ? 5_000 : 1_000_000);
  const liteTools = Math.min(toolsFlag ?? (quick ? 2_000 : PGLITE_MAX_TOOLS), PGLITE_MAX_TOOLS);
  const perServer = 20;
  return [
    { name: 'crawl', title: 'Crawl (fixture MCP servers over stdio)', run: async () => (await import('./crawl-bench.ts')).benchCrawl(quick ? { servers: 4 } : {}) },
    { name: 'classifier', title: 'Classifier', run: async () => (await import('./classifier-bench.ts')).benchClassifier() },
    { name: 'pages', title: 'Pages', run: async () => (await import('./pages-bench.ts')).benchPages() },
    { name: 'scan', title: 'Scan (5,000-tool fixture server)', run: async () => (await import('./scan-bench.ts')).benchScan() },
    {
      name: 'policy-lookup',
      title: `Policy look-up (PostgreSQL, ${pgTools.toLocaleString('en-US')} tools)`,
      run: async () => (await import('./policy-lookup-bench.ts')).benchPolicyLookup({ databaseUrl: POSTGRES_URL, tools: pgTools, ...(quick ? { lookups: 200 } : {}) }),
    },
    {
      name: 'pipeline-postgres',
      title: `Pipeline on PostgreSQL (${pgTools.toLocaleString('en-US')} tools, ${Math.ceil(pgTools / perServer).toLocaleString('en-US')} servers)`,
      run: async () => (await import('./pipeline-bench.ts')).benchPipeline({ driver: 'postgres', servers: Math.ceil(pgTools / perServer), tools: pgTools, databaseUrl: POSTGRES_URL, ...(quick ? { lookups: 200 } : {}) }),
    },
    {
      name: 'pipeline-pglite',
      title: `Pipeline on PGlite (${liteTools.toLocaleString('en-US')} tools, ${Math.ceil(liteTools / perServer).toLocaleString('en-US')} servers; PGlite is single-threaded in-process, so a smaller catalog)`,
      run: async () => (await import('./pipeline-bench.ts')).benchPipeline({ driver: 'pglite', servers: Math.ceil(liteTools / perServer), tools: liteTools, ...(quick ? { lookups: 200 } : {}) }),
    },
  ];
}

function describeFailure(error: unknown): { missing: boolean; text: string } {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  return { missing: code === 'ERR_MODULE_NOT_FOUND' && /test[/\\]bench[/\\]/.test(message), text: message.split('\n')[0] ?? message };
}

async function main(): Promise<void> {
  const { only, quick, tools } = parseArgs(process.argv.slice(2));
  const all = benches(quick, tools);
  if (only) {
    const unknown = [...only].filter((n) => !all.some((b) => b.name === n));
    if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; choose from ${all.map((b) => b.name).join(', ')}`);
  }
  const out = path.join(fileURLToPath(new URL('../../test-output', import.meta.url)), 'bench.md');
  await mkdir(path.dirname(out), { recursive: true });
  const sections = [`# mcp-risk benchmarks${quick ? ' (--quick)' : ''}\n\n${await machine()}`];
  console.log(sections[0]);
  for (const bench of all.filter((b) => only === undefined || only.has(b.name))) {
    console.error(`\n== ${bench.name} ==`);
    const started = performance.now();
    let body: string;
    try {
      body = formatTable(await bench.run());
    } catch (error) {
      const failure = describeFailure(error);
      body = failure.missing ? `_not available: ${failure.text}_` : `_failed: ${failure.text}_`;
      if (!failure.missing) {
        process.exitCode = 1;
        console.error(error);
      }
    }
    const section = `## ${bench.title}\n\n${body}\n\n_${((performance.now() - started) / 1000).toFixed(1)} s_`;
    console.log(`\n${section}`);
    sections.push(section);
    await writeFile(out, `${sections.join('\n\n')}\n`);
  }
  console.error(`\nwritten to ${path.relative(process.cwd(), out)}`);
}

await main();
