import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { listCatalogTools } from '../../src/db/catalog-repo.ts';
import { missingClassifications, saveClassifications } from '../../src/db/classifications-repo.ts';
import { migrateDatabase } from '../../src/db/connect.ts';
import { pendingMigrations } from '../../src/db/migration-status.ts';
import { createRun } from '../../src/db/runs-repo.ts';
import { crawlSnapshots, servers, snapshotTools, toolDefinitions } from '../../src/db/schema.ts';
import { upsertServers } from '../../src/db/servers-repo.ts';
import { saveSnapshot } from '../../src/db/snapshots-repo.ts';
import { loadConfig } from '../../src/config.ts';
import { serverContextHash } from '../../src/definition-hash.ts';
import type { Classification, CrawlResult, ServerCandidate } from '../../src/types.ts';
import { describeEachDriver, openTestDatabase, type TestDatabase } from '../helpers/databases.ts';

const server: ServerCandidate = {
  id: 'notes',
  name: 'Notes',
  description: 'A notes server',
  source: 'test',
  launch: { transport: 'stdio', npmPackage: 'notes-mcp', npmVersion: '1.0.0', args: [], env: { NOTES_TOKEN: 'placeholder-secret' } },
};

function crawl(tools: CrawlResult['tools'], status: CrawlResult['status'] = 'ok'): CrawlResult {
  return { status, stderrTail: '', tools, droppedTools: [], timings: { totalMs: 5 } };
}

const listNotes = { name: 'list_notes', description: 'List notes', annotations: { readOnlyHint: true } };
const deleteNote = { name: 'delete_note', description: 'Delete a note', inputSchema: { type: 'object', properties: { id: { type: 'string' } } } };

const label: Classification = {
  category: 'Read',
  risk: 'Low',
  confidence: 0.9,
  rationale: 'Lists notes.',
  tags: [],
  findings: [],
  suggestedAnnotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  evidence: [{ signal: 'verb:list', weight: 1, source: 'name', text: 'list' }],
};

describeEachDriver('storage', (driver) => {
  let database: TestDatabase & { dispose(): Promise<void> };
  before(async () => {
    database = await openTestDatabase(driver);
  });
  after(async () => {
    await database.dispose();
  });

  it('applies every migration, and applying again changes nothing', async () => {
    const { migrationsDir } = loadConfig();
    assert.deepEqual((await pendingMigrations(database, migrationsDir)).pending, []);
    await migrateDatabase(database, migrationsDir);
    assert.deepEqual((await pendingMigrations(database, migrationsDir)).pending, []);
  });

  it('stores servers without credential values', async () => {
    await upsertServers(database.db, [server]);
    await upsertServers(database.db, [{ ...server, description: 'Updated' }]);
    const rows = await database.db.select().from(servers);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.description, 'Updated');
    assert.deepEqual(rows[0]?.launch.envNames, ['NOTES_TOKEN']);
    assert.ok(!JSON.stringify(rows[0]).includes('placeholder-secret'));
  });

  it('keeps every snapshot but stores an unchanged tool definition once', async () => {
    const run = await createRun(database.db, ['notes'], {});
    const first = await saveSnapshot(database.db, { runId: run.id, serverId: 'notes', result: crawl([listNotes, deleteNote]), startedAt: new Date() });
    const run2 = await createRun(database.db, ['notes'], {});
    const second = await saveSnapshot(database.db, { runId: run2.id, serverId: 'notes', result: crawl([listNotes, deleteNote]), startedAt: new Date() });
    assert.equal(first?.newDefinitions, 2);
    assert.equal(second?.newDefinitions, 0);
    const [defs] = await database.db.select({ n: count() }).from(toolDefinitions);
    assert.equal(defs?.n, 2);
    const snaps = await database.db.select().from(crawlSnapshots).where(eq(crawlSnapshots.serverId, 'notes'));
    assert.equal(snaps.length, 2);
    assert.equal(snaps[0]?.definitionHash, snaps[1]?.definitionHash);
    // Saving the same (run, server) again is a no-op: resumed runs never duplicate.
    const again = await saveSnapshot(database.db, { runId: run2.id, serverId: 'notes', result: crawl([listNotes]), startedAt: new Date() });
    assert.equal(again, undefined);
    const [links] = await database.db.select({ n: count() }).from(snapshotTools);
    assert.equal(links?.n, 4);
  });

  it('shows the tools of the newest successful crawl, with their labels', async () => {
    const run = await createRun(database.db, ['notes'], {});
    await saveSnapshot(database.db, { runId: run.id, serverId: 'notes', result: { ...crawl([], 'crashed'), error: 'boom' }, startedAt: new Date() });
    const info = { name: 'rules', version: 'test' };
    const tools = await listCatalogTools(database.db, { classifier: info });
    assert.deepEqual(tools.map((t) => t.tool.name), ['list_notes', 'delete_note']);
    assert.equal(tools[0]?.label, null);

    const contextHash = serverContextHash({ name: 'Notes', description: 'Updated' });
    const keys = tools.map((t) => ({ definitionHash: t.definitionHash, contextHash }));
    assert.equal((await missingClassifications(database.db, info, keys)).length, 2);
    await saveClassifications(database.db, info, [{ ...keys[0]!, classification: label }]);
    assert.equal((await missingClassifications(database.db, info, keys)).length, 1);
    const labelled = await listCatalogTools(database.db, { classifier: info, toolName: 'list_notes' });
    assert.equal(labelled.length, 1);
    assert.equal(labelled[0]?.label?.category, 'Read');
    assert.deepEqual(labelled[0]?.label?.evidence, label.evidence);
  });
});

describeEachDriver('storing hostile text', (driver) => {
  it('stores NUL characters and lone surrogates as U+FFFD instead of failing', async () => {
    const database = await openTestDatabase(driver);
    try {
      await upsertServers(database.db, [server]);
      const nasty = { name: 'bad\u0000name', description: 'nul \u0000 and lone \ud800 surrogate', inputSchema: { type: 'object', properties: { 'k\u0000': { default: '\udc00' } } } };
      const saved = await saveSnapshot(database.db, {
        runId: null,
        serverId: 'notes',
        result: { ...crawl([nasty]), stderrTail: 'stderr \u0000 tail' },
        startedAt: new Date(),
      });
      assert.ok(saved);
      const [row] = await database.db.select().from(toolDefinitions);
      assert.equal(row?.name, 'bad\uFFFDname');
      assert.equal(row?.description, 'nul \uFFFD and lone \uFFFD surrogate');
    } finally {
      await database.dispose();
    }
  });
});
