import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { classifications, crawlSnapshots, runs, toolDefinitions } from '../../src/db/schema.ts';
import { listCatalogTools } from '../../src/db/catalog-repo.ts';
import { prepareRun, processServer, runIndex } from '../../src/pipeline/run-index.ts';
import { formatRunSummary } from '../../src/pipeline/run-summary.ts';
import { rulesClassifier } from '../../classifiers/rules-classifier.ts';
import { describeEachDriver, openTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { fixtureCandidate, memoryServerCandidate, testCrawlOptions } from '../helpers/fixture-servers.ts';

const candidates = [
  memoryServerCandidate(),
  fixtureCandidate('good-server.mjs', { id: 'notes' }),
  fixtureCandidate('crash-at-start.mjs', { id: 'crasher' }),
  fixtureCandidate('never-answers.mjs', { id: 'silent' }),
];

describeEachDriver('indexing run', (driver) => {
  let database: TestDatabase & { dispose(): Promise<void> };
  before(async () => {
    database = await openTestDatabase(driver);
  });
  after(async () => {
    await database.dispose();
  });

  const index = () =>
    runIndex({
      db: database.db,
      candidates,
      classifier: rulesClassifier,
      concurrency: 4,
      crawl: testCrawlOptions({ timeoutMs: 4000 }),
      quiet: true,
    });

  it('crawls real servers, stores failures with their status, and goes on', async () => {
    const summary = await index();
    const byId = new Map(summary.servers.map((s) => [s.id, s]));
    assert.equal(summary.status, 'completed');
    assert.equal(byId.get('memory')?.status, 'ok');
    assert.equal(byId.get('memory')?.tools, 9);
    assert.equal(byId.get('notes')?.status, 'ok');
    assert.equal(byId.get('notes')?.tools, 4);
    assert.equal(byId.get('crasher')?.status, 'crashed');
    assert.equal(byId.get('silent')?.status, 'timeout');
    assert.equal(summary.tools, 13);
    assert.equal(Object.values(summary.byCategory).reduce((a, b) => a + b, 0), 13);

    const [crash] = await database.db.select().from(crawlSnapshots).where(eq(crawlSnapshots.serverId, 'crasher'));
    assert.match(crash?.stderrTail ?? '', /fatal: missing config/);
    assert.match(crash?.error ?? '', /fatal: missing config/);

    const [run] = await database.db.select().from(runs);
    assert.equal(run?.status, 'completed');
    assert.deepEqual(run?.counts, { servers: 4, ok: 2, failed: 2, tools: 13 });

    const tools = await listCatalogTools(database.db, { classifier: rulesClassifier.info, serverId: 'memory' });
    const del = tools.find((t) => t.tool.name === 'delete_entities');
    assert.equal(del?.label?.category, 'Delete');
    assert.ok((del?.label?.rationale.length ?? 0) > 20);
  });

  it('indexing again stores no duplicate tools or labels, but a new snapshot per server', async () => {
    const defsBefore = (await database.db.select({ n: count() }).from(toolDefinitions))[0]?.n;
    const labelsBefore = (await database.db.select({ n: count() }).from(classifications))[0]?.n;
    const summary = await index();
    assert.equal(summary.tools, 13);
    assert.equal((await database.db.select({ n: count() }).from(toolDefinitions))[0]?.n, defsBefore);
    assert.equal((await database.db.select({ n: count() }).from(classifications))[0]?.n, labelsBefore);
    assert.equal((await database.db.select({ n: count() }).from(crawlSnapshots))[0]?.n, 8);
    const catalog = await listCatalogTools(database.db, { classifier: rulesClassifier.info });
    assert.equal(catalog.length, 13);
  });

  it('reports tools it crawled but could not label, instead of counting the run a success', async () => {
    const failing = { info: { name: 'broken', version: '0.0.1' }, classify: () => Promise.reject(new Error('model file missing')) };
    const summary = await runIndex({ db: database.db, candidates: [fixtureCandidate('good-server.mjs', { id: 'notes-unlabelled' })], classifier: failing, concurrency: 1, crawl: testCrawlOptions({ timeoutMs: 4000 }), quiet: true });
    assert.equal(summary.tools, 4);
    assert.equal(summary.unlabelled, 4);
    assert.match(formatRunSummary(summary), /^Unlabelled: 4 tools \(labelling failed/m);
    const fine = await index();
    assert.equal(fine.unlabelled, 0);
    assert.doesNotMatch(formatRunSummary(fine), /Unlabelled/);
  });

  it('labels, on --resume, what a killed run stored but never labelled', async () => {
    const killed = [fixtureCandidate('good-server.mjs', { id: 'notes-killed-a' }), fixtureCandidate('good-server.mjs', { id: 'notes-killed-b' })];
    const crawl = testCrawlOptions({ timeoutMs: 4000 });
    const { runId } = await prepareRun({ db: database.db, candidates: killed });
    // The killed run got as far as storing the first server's snapshot, not its labels (SIGKILL in between).
    const dies = { info: rulesClassifier.info, classify: () => Promise.reject(new Error('killed')) };
    await assert.rejects(processServer({ db: database.db, runId, candidate: killed[0]!, classifier: dies, crawl }));
    const summary = await runIndex({ db: database.db, candidates: killed, classifier: rulesClassifier, concurrency: 1, crawl, quiet: true, resumeRunId: runId });
    assert.equal(summary.status, 'completed');
    assert.equal(summary.tools, 8);
    assert.equal(summary.unlabelled, 0, formatRunSummary(summary));
  });

  it('labels, on a retried job, what its first attempt stored but never labelled', async () => {
    const candidate = fixtureCandidate('good-server.mjs', { id: 'notes-retried' });
    const crawl = testCrawlOptions({ timeoutMs: 4000 });
    const { runId } = await prepareRun({ db: database.db, candidates: [candidate] });
    const dies = { info: rulesClassifier.info, classify: () => Promise.reject(new Error('killed')) };
    await assert.rejects(processServer({ db: database.db, runId, candidate, classifier: dies, crawl }));
    const retried = await processServer({ db: database.db, runId, candidate, classifier: rulesClassifier, crawl });
    assert.equal(retried.stored, false, 'the snapshot was already stored');
    const tools = await listCatalogTools(database.db, { classifier: rulesClassifier.info, serverId: 'notes-retried' });
    assert.equal(tools.length, 4);
    assert.ok(tools.every((t) => t.label !== undefined && t.label !== null), JSON.stringify(tools.map((t) => t.label?.category)));
  });
});
