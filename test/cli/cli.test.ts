import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connectDatabase } from '../../src/db/connect.ts';
import { loadConfig } from '../../src/config.ts';
import { parsePolicy } from '../../src/policy/policy-schema.ts';
import { runIndex } from '../../src/pipeline/run-index.ts';
import { rulesClassifier } from '../../classifiers/rules-classifier.ts';
import type { Db } from '../../src/db/connect.ts';
import { describeEachDriver, openTestDatabase } from '../helpers/databases.ts';
import { fixtureCandidate, memoryServerCandidate, testCrawlOptions } from '../helpers/fixture-servers.ts';
import { runCli } from '../helpers/run-cli.ts';

async function fillCatalog(db: Db): Promise<void> {
  await runIndex({
    db,
    candidates: [memoryServerCandidate(), fixtureCandidate('good-server.mjs', { id: 'notes' }), fixtureCandidate('paginated-server.mjs', { id: 'pages' })],
    classifier: rulesClassifier,
    concurrency: 3,
    crawl: testCrawlOptions(),
    quiet: true,
  });
}

describe('CLI usage', () => {
  it('every command has --help with examples', async () => {
    const top = await runCli(['--help']);
    assert.equal(top.code, 0);
    const commands = [...(top.stdout.split('Commands:')[1] ?? '').matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1] ?? '').filter((c) => c !== 'help');
    for (const expected of ['index', 'tools', 'policy', 'db', 'discover', 'changes', 'classify', 'eval', 'pages', 'serve', 'mcp', 'scan', 'worker']) {
      assert.ok(commands.includes(expected), `${expected} missing from --help`);
    }
    for (const command of commands) {
      const help = await runCli([command, '--help']);
      assert.equal(help.code, 0, command);
      assert.match(help.stdout, /Examples?:/, command);
    }
  });

  it('an unknown flag is bad input: exit 2', async () => {
    const result = await runCli(['tools', '--bogus']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown option '--bogus'/);
  });

  it('a bad seed entry gives one line naming the file, the entry and the field, exit 2', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-risk-seed-'));
    try {
      const file = path.join(dir, 'servers.json');
      const good = { id: 'memory', name: 'Memory', domain: 'reference', package: '@modelcontextprotocol/server-memory', version: '2026.8.31' };
      await writeFile(file, JSON.stringify({ servers: [good, { ...good, id: 'broken', version: 'latest' }] }));
      const result = await runCli(['index', '--seed', file], { env: { MCP_RISK_PGLITE_DIR: path.join(dir, 'db'), DATABASE_URL: '' } });
      assert.equal(result.code, 2);
      const lines = result.stderr.trim().split('\n').filter((l) => !l.startsWith('hint:'));
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0] ?? '', /servers\.json: servers\[1\] \(id "broken"\): field "version": must be an exact version/);
      assert.doesNotMatch(result.stderr, /\n\s+at /); // no stack trace
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describeEachDriver('CLI against a catalog', (driver) => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  before(async () => {
    if (driver === 'pglite') {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-risk-cli-'));
      const database = await connectDatabase({ pgliteDir: dir, migrationsDir: loadConfig().migrationsDir });
      await fillCatalog(database.db);
      await database.close(); // PGlite allows one process at a time
      env = { MCP_RISK_PGLITE_DIR: dir, DATABASE_URL: '' };
      cleanup = () => rm(dir, { recursive: true, force: true });
    } else {
      const database = await openTestDatabase('postgres');
      await fillCatalog(database.db);
      env = { DATABASE_URL: database.url ?? '' };
      cleanup = () => database.dispose();
    }
  });
  after(async () => {
    await cleanup();
  });

  it('tools lists the catalog with labels', async () => {
    const result = await runCli(['tools'], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /memory\s+delete_entities\s+Delete/);
    assert.match(result.stdout, /28 tools/);
    const json = await runCli(['tools', '--server', 'notes', '--json'], { env });
    const rows = JSON.parse(json.stdout) as { tool: string; category: string; rationale: string }[];
    assert.deepEqual(rows.map((r) => r.tool), ['list_notes', 'create_note', 'delete_note', 'search_notes']);
    assert.ok(rows.every((r) => r.rationale.length > 0));
  });

  it('tools --server with an unknown id exits 2 with suggestions', async () => {
    const result = await runCli(['tools', '--server', 'memroy'], { env });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no server with id "memroy"/);
    assert.match(result.stderr, /did you mean: memory/);
  });

  it('policy prints a valid v1 policy for a known tool, in every name form', async () => {
    for (const name of ['delete_entities', 'memory/delete_entities', 'mcp__memory__delete_entities']) {
      const result = await runCli(['policy', name], { env });
      assert.equal(result.code, 0, result.stderr);
      const policy = parsePolicy(JSON.parse(result.stdout), 'stdout');
      assert.equal(policy.version, '1');
      assert.equal(policy.default, 'deny');
      assert.deepEqual(Object.keys(policy.tools), ['delete_entities']);
      assert.notEqual(policy.tools['delete_entities']?.action ?? 'allow', 'allow');
    }
  });

  it('policy for an unknown tool exits 2 and suggests close names', async () => {
    const result = await runCli(['policy', 'delete_entity'], { env });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no tool named "delete_entity"/);
    assert.match(result.stderr, /did you mean: .*delete_entities/);
  });
});
