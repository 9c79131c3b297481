// The pipeline's stages over a database, streaming: store (bulk upserts of a synthetic catalog),
// classify (every unlabelled (definition, server) pair, on worker threads, stored in bulk) and build
// policies (every server's, read page by page). Nothing holds more than a few pages at once.
import PQueue from 'p-queue';
import { sql } from 'drizzle-orm';
import { bulkStore, insertClassificationRecords } from '../../src/db/bulk-store.ts';
import type { Db } from '../../src/db/connect.ts';
import { rowsOf } from '../../src/db/migration-status.ts';
import { createRun } from '../../src/db/runs-repo.ts';
import { serverContextOf } from '../../src/db/servers-repo.ts';
import { buildPolicy, type ClassifiedTool } from '../../src/policy/build-policy.ts';
import { syntheticCatalog, type SyntheticCatalogOptions } from '../../src/pipeline/synthetic-catalog.ts';
import type { Category, Finding, Risk, ServerContext, ToolDefinition } from '../../src/types.ts';
import { rulesClassifier } from '../../classifiers/rules-classifier.ts';
import type { ClassifyItem, ClassifyPool } from './classify-pool.ts';

const info = rulesClassifier.info;

export interface StoreOutcome {
  servers: number;
  tools: number;
  seconds: number;
  /** Time spent generating the synthetic catalog (not pipeline work, but inside `seconds`). */
  generateSeconds: number;
  samples: { serverId: string; name: string }[];
}

/** Stream the catalog into the database; `concurrency` batches in flight (PGlite runs one at a time anyway). */
export async function storeCatalog(db: Db, catalog: SyntheticCatalogOptions, concurrency: number, samples = 2000): Promise<StoreOutcome> {
  const started = performance.now();
  const run = await createRun(db, [], { bench: true });
  const queue = new PQueue({ concurrency });
  const every = Math.max(1, Math.floor((catalog.tools ?? 1_000_000) / samples));
  const picked: StoreOutcome['samples'] = [];
  let failure: unknown;
  let generating = 0;
  let servers = 0;
  let tools = 0;
  const batches = syntheticCatalog(catalog)[Symbol.asyncIterator]();
  for (;;) {
    const t = performance.now();
    const next = await batches.next();
    generating += performance.now() - t;
    if (next.done === true || failure !== undefined) break;
    for (const { candidate, result } of next.value) {
      servers += 1;
      for (const tool of result.tools) if (tools++ % every === 0) picked.push({ serverId: candidate.id, name: tool.name });
    }
    const crawls = next.value.map((s) => ({ ...s, startedAt: new Date() }));
    await queue.onSizeLessThan(1);
    queue.add(() => bulkStore(db, { runId: run.id, crawls })).catch((error: unknown) => (failure ??= error));
  }
  await queue.onIdle();
  if (failure !== undefined) throw failure;
  await db.execute(sql`analyze`);
  return { servers, tools, seconds: (performance.now() - started) / 1000, generateSeconds: generating / 1000, samples: picked };
}

interface ServerPage {
  contexts: Map<string, { context: ServerContext; contextHash: string }>;
  after: string;
  last: string;
}

async function serverPage(db: Db, after: string, size: number): Promise<ServerPage | undefined> {
  const rows = rowsOf(await db.execute(sql`
    select id, name, description, context_hash from servers
    where latest_snapshot_id is not null and id > ${after} order by id limit ${size}`));
  const last = rows.at(-1);
  if (last === undefined) return undefined;
  const contexts = new Map(
    rows.map((r) => [String(r['id']), {
      context: serverContextOf({ name: String(r['name']), description: r['description'] === null ? null : String(r['description']) }),
      contextHash: String(r['context_hash']),
    }]),
  );
  return { contexts, after, last: String(last['id']) };
}

/** Unlabelled (definition, server context) pairs of a page of servers, with what the classifier reads. */
async function unlabelled(db: Db, page: ServerPage): Promise<ClassifyItem[]> {
  const rows = rowsOf(await db.execute(sql`
    select s.id as server_id, d.definition_hash, d.name, d.title, d.description, d.input_schema, d.output_schema, d.annotations
    from servers s
    join snapshot_tools st on st.snapshot_id = s.latest_snapshot_id
    join tool_definitions d on d.definition_hash = st.definition_hash
    where s.id > ${page.after} and s.id <= ${page.last}
      and not exists (select 1 from classifications c where c.definition_hash = st.definition_hash
        and c.context_hash = s.context_hash and c.classifier = ${info.name} and c.classifier_version = ${info.version})`));
  const seen = new Set<string>();
  const items: ClassifyItem[] = [];
  for (const r of rows) {
    const server = page.contexts.get(String(r['server_id']));
    const definitionHash = String(r['definition_hash']);
    if (server === undefined || seen.has(`${definitionHash}:${server.contextHash}`)) continue;
    seen.add(`${definitionHash}:${server.contextHash}`);
    items.push({ definitionHash, contextHash: server.contextHash, context: server.context, tool: toolOf(r) });
  }
  return items;
}

function toolOf(r: Record<string, unknown>): ToolDefinition {
  const tool: ToolDefinition = { name: String(r['name']) };
  if (typeof r['title'] === 'string') tool.title = r['title'];
  if (typeof r['description'] === 'string') tool.description = r['description'];
  if (isRecord(r['input_schema'])) tool.inputSchema = r['input_schema'];
  if (isRecord(r['output_schema'])) tool.outputSchema = r['output_schema'];
  if (isRecord(r['annotations'])) tool.annotations = r['annotations'];
  return tool;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Label every unlabelled pair: the next page is read while workers classify and the database writes. */
export async function classifyCatalog(db: Db, pool: ClassifyPool, pageSize = 250, chunk = 1000): Promise<{ items: number; seconds: number }> {
  const started = performance.now();
  const queue = new PQueue({ concurrency: pool.size + 1 });
  let failure: unknown;
  let items = 0;
  let page = await serverPage(db, '', pageSize);
  let pending = page ? unlabelled(db, page) : undefined;
  while (page !== undefined && pending !== undefined && failure === undefined) {
    const work = await pending;
    page = await serverPage(db, page.last, pageSize);
    pending = page ? unlabelled(db, page) : undefined;
    for (let i = 0; i < work.length; i += chunk) {
      const slice = work.slice(i, i + chunk);
      items += slice.length;
      await queue.onSizeLessThan(1);
      queue
        .add(async () => insertClassificationRecords(db, info, await pool.classify(slice)))
        .catch((error: unknown) => (failure ??= error));
    }
  }
  await queue.onIdle();
  if (failure !== undefined) throw failure;
  return { items, seconds: (performance.now() - started) / 1000 };
}

/** Every server's whole-server policy, serialised (and dropped): what writing policies costs. */
export async function buildAllPolicies(db: Db, pageSize = 1000): Promise<{ servers: number; tools: number; bytes: number; seconds: number }> {
  const started = performance.now();
  let servers = 0;
  let tools = 0;
  let bytes = 0;
  let page = await serverPage(db, '', pageSize);
  let pending = page ? policyRows(db, page) : undefined;
  while (page !== undefined && pending !== undefined) {
    const rows = await pending;
    page = await serverPage(db, page.last, pageSize);
    pending = page ? policyRows(db, page) : undefined;
    let current: string | undefined;
    let list: ClassifiedTool[] = [];
    const flush = () => {
      if (current === undefined) return;
      bytes += JSON.stringify(buildPolicy(list)).length;
      servers += 1;
      list = [];
    };
    for (const r of rows) {
      const id = String(r['server_id']);
      if (id !== current) {
        flush();
        current = id;
      }
      tools += 1;
      // An unlabelled tool is left out: the policy's default (deny) covers it.
      if (r['category'] === null) continue;
      list.push({
        name: String(r['name']),
        classification: { category: r['category'] as Category, risk: r['risk'] as Risk, findings: (r['findings'] ?? []) as Finding[] },
      });
    }
    flush();
  }
  return { servers, tools, bytes, seconds: (performance.now() - started) / 1000 };
}

async function policyRows(db: Db, page: ServerPage): Promise<Record<string, unknown>[]> {
  return rowsOf(await db.execute(sql`
    select s.id as server_id, d.name, c.category, c.risk, c.findings
    from servers s
    join snapshot_tools st on st.snapshot_id = s.latest_snapshot_id
    join tool_definitions d on d.definition_hash = st.definition_hash
    left join classifications c on c.definition_hash = st.definition_hash and c.context_hash = s.context_hash
      and c.classifier = ${info.name} and c.classifier_version = ${info.version}
    where s.id > ${page.after} and s.id <= ${page.last}
    order by s.id, st.position`));
}
