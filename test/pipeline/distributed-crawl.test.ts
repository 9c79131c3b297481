// The distributed crawl on pg-boss: `index --queue` + worker processes against one PostgreSQL, a worker
// killed with SIGKILL mid-run, and the guarantees: every server exactly one snapshot, nothing lost, the
// run completed, and one server never crawled by two jobs at once.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import postgres from 'postgres';
import { crawlSnapshots, runs } from '../../src/db/schema.ts';
import { enqueueRun, openCrawlQueue, runWorker } from '../../src/pipeline/crawl-queue.ts';
import { prepareRun } from '../../src/pipeline/run-index.ts';
import { loadSeedCatalog } from '../../src/pipeline/seed-catalog.ts';
import { rulesClassifier } from '../../classifiers/rules-classifier.ts';
import { POSTGRES_URL, openTestDatabase, postgresIsReachable, type TestDatabase } from '../helpers/databases.ts';
import { FIXTURE_DIR, ROOT, testCrawlOptions } from '../helpers/fixture-servers.ts';
import { CLI_ENTRY } from '../helpers/run-cli.ts';

const SERVERS = 12;

async function writeSeed(dir: string, count: number, delayMs: number, prefix = 'slow'): Promise<string> {
  const servers = Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${String(i).padStart(2, '0')}`,
    name: `Slow ${i}`,
    domain: 'other',
    entry: path.join(FIXTURE_DIR, 'slow-server.mjs'),
    env: { FIXTURE_DELAY_MS: String(delayMs) },
  }));
  const file = path.join(dir, `${prefix}-seed.json`);
  await writeFile(file, JSON.stringify({ servers }));
  return file;
}

function spawnCli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collect a child's output and exit; `onLine` sees each stderr line as it comes. */
function watch(child: ChildProcess, onLine: (line: string) => void = () => {}) {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr += `${line}\n`;
    onLine(line);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { exited, output: () => ({ stdout, stderr }) };
}


interface QueueJob {
  singleton_key: string;
  state: string;
  retry_count: number;
}

async function queueJobs(url: string, runId: string): Promise<QueueJob[]> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await client<QueueJob[]>`
      select singleton_key, state::text as state, retry_count from pgboss.job
      where name = 'mcp-risk-crawl' and data->>'runId' = ${runId} order by singleton_key`;
  } finally {
    await client.end({ timeout: 1 });
  }
}

describe('distributed crawl without PostgreSQL', () => {
  for (const args of [['index', '--queue'], ['worker', '--once']]) {
    it(`\`${args.join(' ')}\` explains that the queue needs PostgreSQL and exits 2`, async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-risk-queue-pglite-'));
      try {
        const child = spawnCli(args, { DATABASE_URL: '', MCP_RISK_PGLITE_DIR: path.join(dir, 'db') });
        const { exited, output } = watch(child);
        const { code } = await exited;
        assert.equal(code, 2, output().stderr);
        assert.match(output().stderr, /needs PostgreSQL: DATABASE_URL is not set/);
        assert.match(output().stderr, /without --queue crawls in-process/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('distributed crawl [postgres]', async () => {
  if (!(await postgresIsReachable())) {
    if (process.env['CI']) throw new Error(`PostgreSQL is not reachable at ${POSTGRES_URL}`);
    describe('skipped', { skip: `PostgreSQL not reachable at ${POSTGRES_URL}` }, () => {});
    return;
  }
  let dir: string;
  let database: TestDatabase & { dispose(): Promise<void> };
  let url: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-risk-queue-'));
    database = await openTestDatabase('postgres');
    url = database.url ?? '';
  });
  after(async () => {
    await database.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('finishes a run across 3 workers when one is SIGKILLed mid-crawl: one snapshot per server', { timeout: 90_000 }, async () => {
    const seed = await writeSeed(dir, SERVERS, 800);
    const env = { DATABASE_URL: url };
    // Short job expiry and expiry checks, so the killed worker's jobs come back within seconds.
    const index = spawnCli(['index', '--queue', '--wait', '--json', '--seed', seed, '--timeout', '5', '--job-timeout', '6'], env);
    let runId = '';
    let onQueued = () => {};
    const queued = new Promise<void>((resolve) => (onQueued = resolve));
    const indexRun = watch(index, (line) => {
      const match = /^run (\S+): 12 of 12 servers queued/.exec(line);
      if (match?.[1]) {
        runId = match[1];
        onQueued();
      }
    });
    await Promise.race([queued, indexRun.exited]);
    assert.ok(runId, indexRun.output().stderr);

    const workers = [0, 1, 2].map(() => spawnCli(['worker', '--once', '--concurrency', '2', '--expiry-check', '1'], env));
    let victim: ChildProcess | undefined;
    const watched = workers.map((child) =>
      watch(child, (line) => {
        // Kill the first worker seen holding a job, while its crawl is in flight.
        if (!victim && /^start slow-\d+/.test(line)) {
          victim = child;
          child.kill('SIGKILL');
        }
      }),
    );
    const results = await Promise.all(watched.map((w) => w.exited));
    assert.ok(victim, 'no worker picked up a job');
    workers.forEach((child, i) => {
      const { code, signal } = results[i]!;
      if (child === victim) assert.equal(signal, 'SIGKILL');
      else assert.equal(code, 0, watched[i]!.output().stderr);
    });

    const indexed = await indexRun.exited;
    assert.equal(indexed.code, 0, indexRun.output().stderr);
    const summary = JSON.parse(indexRun.output().stdout) as { runId: string; status: string; servers: { status: string }[] };
    assert.equal(summary.runId, runId);
    assert.equal(summary.status, 'completed');
    assert.equal(summary.servers.length, SERVERS);

    const snapshots = await database.db.select().from(crawlSnapshots).where(eq(crawlSnapshots.runId, runId));
    const perServer = new Map<string, number>();
    for (const s of snapshots) perServer.set(s.serverId, (perServer.get(s.serverId) ?? 0) + 1);
    assert.equal(perServer.size, SERVERS, 'a server of the run has no snapshot');
    assert.ok([...perServer.values()].every((n) => n === 1), 'a server has more than one snapshot');
    assert.ok(snapshots.every((s) => s.status === 'ok'), JSON.stringify(snapshots.map((s) => [s.serverId, s.status, s.error])));
    const [run] = await database.db.select().from(runs).where(eq(runs.id, runId));
    assert.equal(run?.status, 'completed');
    assert.equal(run?.counts['ok'], SERVERS);

    const jobs = await queueJobs(url, runId);
    assert.equal(jobs.length, SERVERS);
    assert.ok(jobs.every((j) => j.state === 'completed'), JSON.stringify(jobs));
    // The killed worker's jobs expired and were run again by a survivor.
    assert.ok(jobs.some((j) => j.retry_count >= 1), JSON.stringify(jobs));
  });

  it('enqueues one job per server however often a run is enqueued, and never crawls a server twice at once', { timeout: 60_000 }, async () => {
    const seedFile = await writeSeed(dir, 1, 1000, 'same');
    const candidates = await loadSeedCatalog(seedFile);
    const boss = await openCrawlQueue(url);
    const runIds: string[] = [];
    try {
      // Two runs of the same server, the first enqueued twice.
      for (const attempt of [0, 1, 2]) {
        const prepared = attempt === 1
          ? { runId: runIds[0]!, todo: candidates }
          : await prepareRun({ db: database.db, candidates, runOptions: { seedFile, queue: true } });
        if (attempt !== 1) runIds.push(prepared.runId);
        const pending = await enqueueRun(boss, { runId: prepared.runId, candidates: prepared.todo, seedFile, timeoutSeconds: 10 });
        assert.equal(pending, 1);
      }
    } finally {
      await boss.stop({ graceful: false });
    }
    const jobs = await Promise.all(runIds.map((id) => queueJobs(url, id)));
    assert.deepEqual(jobs.map((j) => j.length), [1, 1]);

    const { timeoutMs: _timeout, ...crawl } = testCrawlOptions();
    const report = await runWorker({
      db: database.db,
      databaseUrl: url,
      classifier: rulesClassifier,
      crawl,
      concurrency: 2,
      once: true,
      expiryCheckSeconds: 1,
    });
    assert.equal(report.ok, 2);
    assert.deepEqual([...report.runsCompleted].sort(), [...runIds].sort());

    const snapshots = await database.db.select().from(crawlSnapshots).where(inArray(crawlSnapshots.runId, runIds));
    assert.equal(snapshots.length, 2);
    const [first, second] = [...snapshots].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
    // Both jobs were free to run at once (concurrency 2); the singleton policy made the second wait.
    assert.ok(second!.startedAt.getTime() >= first!.finishedAt!.getTime(), `crawls overlapped: ${JSON.stringify(snapshots.map((s) => [s.startedAt, s.finishedAt]))}`);
  });
});
