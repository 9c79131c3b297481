// False-alarm survey: on a corpus of real (honest) tools, how many raise a hostile-description
// finding of medium severity or above (annotation contradictions excluded), and of which kinds.
//   node --import tsx test/classifiers/false-alarm-survey.ts gold            # the 480 gold tools (dev)
//   node --import tsx test/classifiers/false-alarm-survey.ts live              # data/live/tools.jsonl (held-out test)
//   node --import tsx test/classifiers/false-alarm-survey.ts live2             # data/live2/tools.jsonl (the second crawl)
//   node --import tsx test/classifiers/false-alarm-survey.ts live3             # data/live3/tools.jsonl (the third crawl)
//   node --import tsx test/classifiers/false-alarm-survey.ts pglite DIR        # any crawled catalog
//   node --import tsx test/classifiers/false-alarm-survey.ts dump DIR [OUT]    # DIR's catalog → OUT (default data/live/tools.jsonl)
//   add --show to list the flagged tools with their findings
// PGlite is single-process: point DIR at a copy of a crawl's data/pglite, not at one in use.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { classifyWithRules } from '../../classifiers/rules-classifier.ts';
import type { ServerContext, ToolDefinition } from '../../src/types.ts';
import { loadGold } from './gold-split.ts';

interface Row {
  id: string;
  tool: ToolDefinition;
  server?: ServerContext;
}

async function liveRows(dir: string): Promise<Row[]> {
  const { connectDatabase } = await import('../../src/db/connect.ts');
  const { listCatalogTools } = await import('../../src/db/catalog-repo.ts');
  const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));
  const database = await connectDatabase({ pgliteDir: dir, migrationsDir });
  try {
    const tools = await listCatalogTools(database.db, { classifier: { name: 'rules', version: 'x' } });
    return tools.map((t) => ({ id: `${t.serverName}/${t.tool.name}`, tool: t.tool, server: { name: t.serverName } }));
  } finally {
    await database.close();
  }
}

/** The live crawl kept as classify input lines (`{"server":{"name"},"tool":{…}}`), see data/live/README.md. */
export const LIVE_CORPUS = fileURLToPath(new URL('../../data/live/tools.jsonl', import.meta.url));
/** The second crawl, of servers not in the first (data/live2/README.md). */
export const LIVE2_CORPUS = fileURLToPath(new URL('../../data/live2/tools.jsonl', import.meta.url));
/** The third crawl, of servers in neither (data/live3/README.md). */
export const LIVE3_CORPUS = fileURLToPath(new URL('../../data/live3/tools.jsonl', import.meta.url));

/** The crawl corpora by the survey's argument. */
const CRAWLS: Readonly<Record<string, string>> = { live: LIVE_CORPUS, live2: LIVE2_CORPUS, live3: LIVE3_CORPUS };

export function loadLiveCorpus(file = LIVE_CORPUS): Row[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { server, tool } = JSON.parse(line) as { server: ServerContext; tool: ToolDefinition };
      return { id: `${server.name}/${tool.name}`, tool, server };
    });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const show = args.includes('--show');
  const positional = args.filter((a) => !a.startsWith('--'));
  const corpus = positional[0] ?? 'gold';
  if (corpus === 'dump') {
    const rows = await liveRows(positional[1] ?? '/tmp/fa-live');
    const out = positional[2] ?? LIVE_CORPUS;
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, rows.map((r) => JSON.stringify({ server: r.server, tool: r.tool })).join('\n') + '\n');
    console.log(`wrote ${rows.length} tools to ${out}`);
    return;
  }
  const crawl = CRAWLS[corpus];
  const rows: Row[] =
    crawl !== undefined
      ? loadLiveCorpus(crawl)
      : corpus === 'pglite'
        ? await liveRows(positional[1] ?? '/tmp/fa-live')
        : loadGold().map((g) => ({ id: g.id, tool: g.tool, ...(g.server !== undefined ? { server: g.server } : {}) }));
  const kinds = new Map<string, number>();
  const flagged: string[] = [];
  for (const row of rows) {
    const findings = classifyWithRules(row.tool, row.server).findings.filter((f) => f.kind !== 'annotation_contradiction' && f.severity !== 'low');
    if (findings.length === 0) continue;
    for (const k of new Set(findings.map((f) => f.kind))) kinds.set(k, (kinds.get(k) ?? 0) + 1);
    flagged.push(`${row.id}\n${findings.map((f) => `    ${f.kind}/${f.severity} ${f.message} [${f.excerpt ?? ''}]`).join('\n')}`);
  }
  const pct = rows.length === 0 ? 0 : (100 * flagged.length) / rows.length;
  console.log(`${corpus}: ${flagged.length}/${rows.length} tools (${pct.toFixed(1)}%) raise a non-annotation finding ≥ medium`);
  for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`  ${k}: ${n}`);
  if (show) for (const f of flagged) console.log(`  ${f}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
