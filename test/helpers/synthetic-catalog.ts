// A large synthetic catalog for benchmarks, written in multi-row batches (a few thousand rows per
// statement, a few statements in flight): servers, one ok crawl each, content-addressed tool
// definitions, snapshot tool lists and labels. Labels come from the real rules classifier, run once
// per name template and reused, so the rows look like the real thing without classifying 1M tools.
import PQueue from 'p-queue';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/connect.ts';
import { createRun } from '../../src/db/runs-repo.ts';
import { crawlSnapshots, classifications, servers, snapshotTools, toolDefinitions } from '../../src/db/schema.ts';
import { serverContextOf } from '../../src/db/servers-repo.ts';
import { serverContextHash, toolDefinitionHash, toolSetHash } from '../../src/definition-hash.ts';
import type { Classification, ToolDefinition } from '../../src/types.ts';
import { rulesClassifier } from '../../classifiers/rules-classifier.ts';

const VERBS = ['get', 'list', 'search', 'read', 'create', 'update', 'send', 'write', 'set', 'delete', 'remove', 'execute'];
const NOUNS = Array.from({ length: 50 }, (_, i) => ['file', 'issue', 'record', 'message', 'table', 'user', 'note', 'task', 'event', 'page'][i % 10] + (i >= 10 ? String(i) : ''));
const SERVERS_PER_CHUNK = 100;

export interface SyntheticCatalog {
  servers: number;
  tools: number;
  /** Tools with a name unique in the catalog, for look-ups that find one match. */
  samples: { serverId: string; name: string }[];
  /** A name `toolsPerServer`-independent and shared by many servers (a merge look-up). */
  sharedName: string;
  sharedBy: number;
}

/**
 * Writes the catalog (or, with `write: false`, only computes what it would return: for re-running a
 * benchmark against a database an earlier run kept).
 */
export async function loadSyntheticCatalog(db: Db, options: { tools: number; toolsPerServer?: number; samples?: number; write?: boolean }): Promise<SyntheticCatalog> {
  const write = options.write !== false;
  const perServer = Math.min(options.toolsPerServer ?? 50, NOUNS.length);
  const serverCount = Math.max(1, Math.ceil(options.tools / perServer));
  const sampleEvery = Math.max(1, Math.floor(options.tools / (options.samples ?? 5000)));
  const templates = new Map(VERBS.map((verb) => [verb, rulesClassifier.classify({ name: `${verb}_item`, description: `${verb} an item.` }) as Classification]));
  const run = write ? await createRun(db, [], { bench: true }) : undefined;
  const samples: SyntheticCatalog['samples'] = [];
  const queue = new PQueue({ concurrency: 3 });
  let untilSample = 1;
  for (let first = 0; first < serverCount; first += SERVERS_PER_CHUNK) {
    const chunk: ChunkServer[] = [];
    for (let s = first; s < Math.min(serverCount, first + SERVERS_PER_CHUNK); s += 1) {
      const count = Math.min(perServer, options.tools - s * perServer);
      chunk.push(syntheticServer(s, count));
      for (const [j, tool] of (chunk.at(-1)?.tools ?? []).entries()) {
        untilSample -= 1;
        if (j > 0 && untilSample <= 0) {
          samples.push({ serverId: serverId(s), name: tool.name });
          untilSample = sampleEvery;
        }
      }
    }
    if (run === undefined) continue;
    await queue.onSizeLessThan(1); // bounded: at most one chunk built ahead of those being written
    void queue.add(() => writeChunk(db, run.id, chunk, templates));
  }
  await queue.onIdle();
  if (run !== undefined) {
    await db.execute(sql`update ${servers} set latest_snapshot_id = cs.id from ${crawlSnapshots} cs where cs.server_id = ${servers.id}`);
    // Settle the freshly written tables (visibility map, statistics) as a served catalog would be:
    // otherwise autovacuum starts on them in the middle of the measurement. The checkpoint writes the
    // load's dirty pages out now, so the look-ups do not share the disk with that flush.
    await db.execute(sql`vacuum analyze`);
    await db.execute(sql`checkpoint`);
  }
  return { servers: serverCount, tools: options.tools, samples, sharedName: 'search_file', sharedBy: Math.ceil(serverCount / 100) };
}

interface ChunkServer {
  id: string;
  name: string;
  tools: ToolDefinition[];
}

const serverId = (s: number) => `bench-${s.toString(36)}`;

function syntheticServer(s: number, count: number): ChunkServer {
  const id = serverId(s);
  const tools: ToolDefinition[] = [];
  for (let j = 0; j < count; j += 1) {
    // Tool 0 has a name (and definition) shared by every 100th server; the others are unique.
    const name = j === 0 ? `search_${NOUNS[s % 100] ?? `thing${s % 100}`}` : `${VERBS[j % VERBS.length]}_${NOUNS[(j + s) % NOUNS.length]}_${s.toString(36)}`;
    const verb = name.slice(0, name.indexOf('_'));
    tools.push({
      name,
      description: `${verb} a ${NOUNS[(j + s) % NOUNS.length]} in the workspace.`,
      inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
    });
  }
  return { id, name: `Bench server ${s}`, tools };
}

async function writeChunk(db: Db, runId: string, chunk: readonly ChunkServer[], templates: Map<string, Classification>): Promise<void> {
  await db.insert(servers).values(
    chunk.map((c) => ({
      id: c.id,
      name: c.name,
      source: 'bench',
      contextHash: serverContextHash(serverContextOf(c)),
      launch: { transport: 'stdio' as const, args: [], envNames: [] },
    })),
  );
  const hashes = chunk.map((c) => c.tools.map(toolDefinitionHash));
  const now = new Date();
  const snapshots = await db
    .insert(crawlSnapshots)
    .values(
      chunk.map((c, i) => ({
        runId,
        serverId: c.id,
        status: 'ok',
        toolCount: c.tools.length,
        definitionHash: toolSetHash(hashes[i] ?? []),
        timings: { totalMs: 1 },
        startedAt: now,
        finishedAt: now,
      })),
    )
    .returning({ id: crawlSnapshots.id, serverId: crawlSnapshots.serverId });
  const snapshotOf = new Map(snapshots.map((r) => [r.serverId, r.id]));
  const definitions = new Map<string, ToolDefinition>();
  chunk.forEach((c, i) => c.tools.forEach((t, j) => definitions.set(hashes[i]?.[j] ?? '', t)));
  await db
    .insert(toolDefinitions)
    .values([...definitions].map(([definitionHash, t]) => ({ definitionHash, name: t.name, description: t.description ?? null, inputSchema: t.inputSchema ?? null })))
    .onConflictDoNothing();
  const listed = chunk.flatMap((c, i) =>
    c.tools.map((t, j) => ({ snapshotId: snapshotOf.get(c.id) ?? 0, position: j, definitionHash: hashes[i]?.[j] ?? '', tool: t, server: c })),
  );
  await Promise.all([
    db.insert(snapshotTools).values(listed.map(({ snapshotId, position, definitionHash }) => ({ snapshotId, position, definitionHash }))),
    db
      .insert(classifications)
      .values(
        listed.map(({ definitionHash, tool, server }) => {
          const label = templates.get(tool.name.slice(0, tool.name.indexOf('_'))) ?? templates.values().next().value;
          if (!label) throw new Error('no classification template');
          return {
            definitionHash,
            contextHash: serverContextHash(serverContextOf(server)),
            classifier: rulesClassifier.info.name,
            classifierVersion: rulesClassifier.info.version,
            category: label.category,
            risk: label.risk,
            confidence: label.confidence,
            rationale: label.rationale,
            tags: label.tags,
            findings: label.findings,
            suggestedAnnotations: label.suggestedAnnotations,
            evidence: label.evidence,
          };
        }),
      )
      .onConflictDoNothing(),
  ]);
}
