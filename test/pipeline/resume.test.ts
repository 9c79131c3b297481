import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { connectDatabase } from '../../src/db/connect.ts';
import { loadConfig } from '../../src/config.ts';
import { crawlSnapshots, runs } from '../../src/db/schema.ts';
import { describeEachDriver, openTestDatabase } from '../helpers/databases.ts';
import { FIXTURE_DIR, ROOT } from '../helpers/fixture-servers.ts';
import { runCli } from '../helpers/run-cli.ts';

const SERVERS = 10;

describeEachDriver('an index run killed with SIGKILL', (driver) => {
  let dir: string;
  let env: Record<string, string>;
  let dispose: () => Promise<void> = async () => {};
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-risk-resume-'));
    const servers = Array.from({ length: SERVERS }, (_, i) => ({
      id: `slow-${String(i).padStart(2, '0')}`,
      name: `Slow ${i}`,
      domain: 'other',
      entry: path.join(FIXTURE_DIR, 'slow-server.mjs'),
      env: { FIXTURE_DELAY_MS: '700' },
    }));
    await writeFile(path.join(dir, 'seed.json'), JSON.stringify({ servers }));
    if (driver === 'pglite') {
      env = { MCP_RISK_PGLITE_DIR: path.join(dir, 'db'), DATABASE_URL: '' };
    } else {
      const database = await openTestDatabase('postgres');
      await database.close().catch(() => {});
      env = { DATABASE_URL: database.url ?? '' };
      dispose = () => database.dispose();
    }
  });
  after(async () => {
    await dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('is finished by --resume, every server with exactly one snapshot', async () => {
    const seed = path.join(dir, 'seed.json');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'index', '--seed', seed, '--concurrency', '2'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const runId = await new Promise<string>((resolve, reject) => {
      let id: string | undefined;
      const lines = createInterface({ input: child.stderr! });
      lines.on('line', (line) => {
        id ??= /^run (\S+)$/.exec(line)?.[1];
        if (id && /^\[3\/10\]/.test(line)) {
          child.kill('SIGKILL');
          resolve(id);
        }
      });
      child.once('exit', () => reject(new Error('index exited before it could be killed')));
    });
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));

    const resumed = await runCli(['index', '--seed', seed, '--resume', runId, '--json'], { env });
    assert.equal(resumed.code, 0, resumed.stderr);
    const summary = JSON.parse(resumed.stdout) as { status: string; servers: { status: string }[] };
    assert.equal(summary.status, 'completed');
    assert.equal(summary.servers.length, SERVERS);
    assert.ok(summary.servers.every((s) => s.status === 'ok'));

    const database = await connectDatabase({
      databaseUrl: env['DATABASE_URL'] || undefined,
      pgliteDir: env['MCP_RISK_PGLITE_DIR'] ?? '',
      migrationsDir: loadConfig().migrationsDir,
    });
    try {
      const snapshots = await database.db.select().from(crawlSnapshots).where(eq(crawlSnapshots.runId, runId));
      const perServer = new Map<string, number>();
      for (const s of snapshots) perServer.set(s.serverId, (perServer.get(s.serverId) ?? 0) + 1);
      assert.equal(perServer.size, SERVERS);
      assert.ok([...perServer.values()].every((n) => n === 1));
      const [run] = await database.db.select().from(runs).where(eq(runs.id, runId));
      assert.equal(run?.status, 'completed');
    } finally {
      await database.close();
    }
  });

  it('stops cleanly on Ctrl-C, prints the resume command, and exits 130', async () => {
    const seed = path.join(dir, 'seed.json');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'index', '--seed', seed, '--concurrency', '2'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines = createInterface({ input: child.stderr! });
    lines.on('line', (line) => {
      stderr += `${line}\n`;
      if (/^\[2\/10\]/.test(line)) child.kill('SIGINT');
    });
    child.stdout!.resume();
    const code = await exited;
    assert.equal(code, 130, stderr);
    const resume = /mcp-risk index --resume (\S+)/.exec(stderr);
    assert.ok(resume, stderr);
    const resumed = await runCli(['index', '--seed', seed, '--resume', resume[1] ?? '', '--json'], { env });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal((JSON.parse(resumed.stdout) as { servers: unknown[] }).servers.length, SERVERS);
  });
});
