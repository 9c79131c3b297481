import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI_ENTRY } from '../helpers/run-cli.ts';
import { answer, startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai-server.ts';
import { ROOT } from '../helpers/fixture-servers.ts';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], {
      cwd: ROOT,
      // No LLM settings leak in from the machine running the tests.
      env: { ...process.env, MCP_RISK_LLM_BASE_URL: '', MCP_RISK_LLM_MODEL: '', MCP_RISK_LLM_API_KEY: '', OPENAI_API_KEY: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const OUTPUT_KEYS = ['name', 'category', 'risk', 'confidence', 'rationale', 'tags', 'findings', 'suggestedAnnotations', 'evidence'];

function outputLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('mcp-risk classify', () => {
  let dir: string;
  const file = (name: string, lines: unknown[]) => {
    const p = path.join(dir, name);
    writeFileSync(p, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
    return p;
  };
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mcp-risk-classify-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps input order, accepts bare tools, and reports a bad line by number and skips it', async () => {
    const input = file('mixed.jsonl', [
      { tool: { name: 'delete_repository', description: 'Permanently delete a GitHub repository.' }, server: { name: 'GitHub', description: 'GitHub API' } },
      { name: 'get_forecast', description: 'Get the weather forecast for a city.' },
      '{"name": "broken", ',
      { tool: { description: 'a tool without a name' } },
      '',
      { tool: { name: 'send_email', description: 'Send an email to any recipient.', inputSchema: { type: 'object', properties: { to: { type: 'string' } } } } },
    ]);
    const r = await run(['classify', '--in', input]);
    assert.equal(r.code, 0, r.stderr);
    const out = outputLines(r.stdout);
    assert.deepEqual(out.map((o) => o['name']), ['delete_repository', 'get_forecast', 'send_email']);
    for (const o of out) assert.deepEqual(Object.keys(o), OUTPUT_KEYS);
    assert.equal(out[0]?.['category'], 'Delete');
    assert.equal(out[1]?.['category'], 'Read');
    assert.equal(out[2]?.['category'], 'Write');
    assert.match(r.stderr, new RegExp(`mixed\\.jsonl:3: skipped: not JSON`));
    assert.match(r.stderr, new RegExp(`mixed\\.jsonl:4: skipped: tool: .*name`));
    assert.doesNotMatch(r.stderr, /:5:/, 'a blank line is not an error');
    assert.match(r.stderr, /classified 3 tools with rules .*skipped 2 bad lines/);
  });

  it('--ignore-annotations changes the label of a tool whose only evidence is its annotation', async () => {
    const input = file('annotated.jsonl', [
      { name: 'frobnicate', annotations: { readOnlyHint: false } },
      // A gold-set line: annotations beside the tool are merged in.
      { tool: { name: 'frobnicate' }, annotations: { readOnlyHint: false }, server: { id: 'x', name: 'X' } },
    ]);
    const withAnnotations = outputLines((await run(['classify', '--in', input])).stdout);
    const ignored = outputLines((await run(['classify', '--in', input, '--ignore-annotations'])).stdout);
    for (const i of [0, 1]) {
      const used = withAnnotations[i] as { category: string; evidence: { source: string }[] };
      const blind = ignored[i] as { category: string; evidence: { source: string }[] };
      assert.ok(used.evidence.some((e) => e.source === 'annotation'), `line ${i + 1} uses the annotation`);
      assert.ok(!blind.evidence.some((e) => e.source === 'annotation'), `line ${i + 1} ignores the annotation`);
      assert.notEqual(used.category, blind.category);
    }
  });

  it('writes --out instead of stdout', async () => {
    const input = file('one.jsonl', [{ name: 'list_files' }]);
    const target = path.join(dir, 'labels.jsonl');
    const r = await run(['classify', '--in', input, '--out', target]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.deepEqual(outputLines(readFileSync(target, 'utf8')).map((o) => o['name']), ['list_files']);
  });

  it('exits 2 with one line and a hint when the input file is missing or a flag is bad', async () => {
    const missing = await run(['classify', '--in', path.join(dir, 'nope.jsonl')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^mcp-risk: cannot read --in .*nope\.jsonl: .*ENOENT.*\nhint: /);
    const isDir = await run(['classify', '--in', dir]);
    assert.equal(isDir.code, 2);
    const badClassifier = await run(['classify', '--in', path.join(dir, 'one.jsonl'), '--classifier', 'magic']);
    assert.equal(badClassifier.code, 2);
    assert.match(badClassifier.stderr, /rules, llm, ensemble/);
  });

  describe('with --classifier llm against a loopback server', () => {
    let fake: FakeOpenAi;
    before(async () => {
      // The first question is answered last, so only the command's ordering keeps the output in order.
      fake = await startFakeOpenAi((r, index) => {
        const name = /"name": "(tool_\d+)"/.exec(r.body.messages[1]?.content ?? '')?.[1] ?? '';
        return { ...answer({ category: 'Delete', risk: 'Low', rationale: `about ${name}` }), delayMs: index === 0 ? 150 : 0 };
      });
    });
    after(() => fake.close());

    it('keeps order with requests in parallel, and falls back per tool', async () => {
      const tools = Array.from({ length: 6 }, (_, i) => ({ name: `tool_${i}`, description: 'Get a thing.' }));
      const input = file('llm.jsonl', tools);
      const r = await run(['classify', '--in', input, '--classifier', 'llm', '--llm-base-url', fake.baseUrl, '--llm-model', 'm', '--llm-concurrency', '3']);
      assert.equal(r.code, 0, r.stderr);
      const out = outputLines(r.stdout);
      assert.deepEqual(out.map((o) => o['name']), tools.map((t) => t.name));
      assert.deepEqual(out.map((o) => o['rationale']), tools.map((t) => `about ${t.name}`));
      assert.ok(out.every((o) => o['category'] === 'Delete'));
      assert.ok(fake.maxInFlight <= 3);
      assert.match(r.stderr, /LLM: 6 requests, 0 cache hits, 0 fell back/);
    });
  });
});

describe('mcp-risk eval', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mcp-risk-eval-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const goldLine = (name: string, description: string, category: string, risk: string, annotations: unknown = null) => ({
    id: `s/${name}`,
    server: { id: 's', name: 'S', description: 'A server.' },
    tool: { name, description },
    annotations,
    label: { category, risk, ambiguous: false, reason: 'by hand' },
  });

  it('prints accuracy, per-class scores, the confusion matrix, misses and hint agreement', async () => {
    const gold = path.join(dir, 'gold.jsonl');
    writeFileSync(
      gold,
      [
        goldLine('delete_file', 'Delete a file from disk.', 'Delete', 'Medium', { readOnlyHint: false }),
        goldLine('list_files', 'List files in a directory.', 'Read', 'Low', { readOnlyHint: true }),
        goldLine('list_things', 'Actually deletes every thing.', 'Delete', 'Critical'),
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const text = await run(['eval', '--gold', gold, '--misses', '5']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^# Classifier evaluation: rules .* annotations ignored$/m);
    assert.match(text.stdout, /gold category ↓ \/ predicted →/);
    assert.match(text.stdout, /## Unambiguous tools only \(3\)/);
    assert.match(text.stdout, /2 tools declare readOnlyHint/);

    const json = await run(['eval', '--gold', gold, '--json', '--with-annotations']);
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as { annotations: string; classifier: { name: string }; report: { total: number; all: { category: { accuracy: number } } } };
    assert.equal(parsed.annotations, 'used');
    assert.equal(parsed.classifier.name, 'rules');
    assert.equal(parsed.report.total, 3);
    assert.ok(parsed.report.all.category.accuracy > 0 && parsed.report.all.category.accuracy < 1);
  });

  it('stops with exit 2 on a malformed gold line, naming it', async () => {
    const gold = path.join(dir, 'bad.jsonl');
    writeFileSync(gold, `${JSON.stringify(goldLine('a', 'b', 'Read', 'Low'))}\n${JSON.stringify({ ...goldLine('c', 'd', 'Read', 'Low'), label: { category: 'Maybe' } })}\n`);
    const r = await run(['eval', '--gold', gold]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.jsonl:2: not a gold item: label/);
  });
});
