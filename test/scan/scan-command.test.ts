// `mcp-risk scan` end to end, as a user runs it: fixture servers over stdio and HTTP, a saved
// tools/list file, every output (table, JSON, Markdown, SARIF validated against the official SARIF
// 2.1.0 schema) and the CI exit codes.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { EXIT_BAD_INPUT, EXIT_SCAN_THRESHOLD } from '../../src/errors.ts';
import type { ScanReport } from '../../src/scan/scan-report.ts';
import { FIXTURE_DIR, ROOT } from '../helpers/fixture-servers.ts';
import { runScan } from '../helpers/run-scan-cli.ts';
import { startHttpFixture, type RunningFixture } from '../helpers/start-http-fixture.ts';

const TARGET = ['--', 'node', path.join('test', 'fixtures', 'servers', 'scan-target.mjs')];
const CLEAN = ['--', process.execPath, path.join(FIXTURE_DIR, 'clean-server.mjs')];

async function sarifValidator() {
  const schema: unknown = JSON.parse(await readFile(path.join(ROOT, 'test', 'fixtures', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(schema as object);
}

describe('scan: a server with a poisoned description and a delete tool declared read-only', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-risk-scan-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the table reports both, with the grade, the reasons and the suggested annotations', async () => {
    const r = await runScan(TARGET);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Grade F/);
    assert.match(r.stdout, /hostile-finding-high .*add_numbers/);
    assert.match(r.stdout, /contradiction-high .*delete_records/);
    assert.match(r.stdout, /add_numbers\s+Read .* hidden_instruction/);
    assert.match(r.stdout, /delete_records\s+Delete\s+Critical .*CONTRADICTION/);
    assert.match(r.stdout, /annotation_contradiction: Declares readOnlyHint: true/);
    assert.match(r.stdout, /suggested annotations: \{"readOnlyHint":false,"destructiveHint":true,"idempotentHint":true,"openWorldHint":true\}/);
    assert.ok(!r.stdout.includes('\u001b['), 'no colour when NO_COLOR is set and stdout is a pipe');
  });

  it('JSON carries both problems, the declared and inferred hints and a paste-ready fix', async () => {
    const r = await runScan(['--json', ...TARGET]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as ScanReport;
    assert.equal(report.grade, 'F');
    assert.equal(report.server.name, 'fixture-scan-target');
    assert.equal(report.server.source, 'command');
    const add = report.tools.find((t) => t.name === 'add_numbers');
    const del = report.tools.find((t) => t.name === 'delete_records');
    assert.ok(add && del);
    assert.ok(add.findings.some((f) => f.kind === 'hidden_instruction' && (f.severity === 'high' || f.severity === 'critical')));
    assert.ok(add.findings.some((f) => f.kind === 'secret_exfiltration'));
    assert.deepEqual(del.annotationProblems.filter((p) => p.kind === 'annotation_contradiction').map((p) => p.hints), [['readOnlyHint']]);
    const readOnly = del.hints.find((h) => h.hint === 'readOnlyHint');
    assert.deepEqual(readOnly, { hint: 'readOnlyHint', declared: true, inferred: false, status: 'differs' });
    assert.deepEqual(del.suggestedAnnotations, { destructiveHint: true, idempotentHint: true, openWorldHint: true, readOnlyHint: false });
    assert.ok(typeof del.rationale === 'string' && del.rationale.length > 20);
    assert.ok(del.confidence > 0 && del.confidence <= 1);
    const listTables = report.tools.find((t) => t.name === 'list_tables');
    assert.deepEqual(listTables?.annotationProblems.map((p) => [p.kind, p.hints]), [['missing_annotations', ['readOnlyHint']]]);
    assert.equal(report.summary.annotationCoverage, 0.75);
    assert.equal(report.summary.contradictions, 1);
    assert.deepEqual(report.reasons.slice(0, 2).map((x) => x.rule), ['hostile-finding-high', 'contradiction-high']);
  });

  it('Markdown (a PR comment) reports both, with the fix as a JSON block', async () => {
    const r = await runScan(['--markdown', ...TARGET]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^### .* grade \*\*F\*\*/m);
    assert.match(r.stdout, /\| `add_numbers` \| Read \| Low \| [\d.]+ \| ✅ \| critical hidden_instruction/);
    assert.match(r.stdout, /\| `delete_records` \| Delete \| Critical \| [\d.]+ \| ⚠️ contradiction \(readOnlyHint\)/);
    assert.match(r.stdout, /```json\n\{\n {2}"readOnlyHint": false,\n {2}"destructiveHint": true,/);
  });

  it('SARIF validates against the SARIF 2.1.0 schema and has one rule per kind, levels and logical locations', async () => {
    const file = path.join(dir, 'out', 'scan.sarif');
    const r = await runScan(['--sarif', file, '--json', ...TARGET]);
    assert.equal(r.code, 0, r.stderr);
    const log = JSON.parse(await readFile(file, 'utf8')) as Log;
    const validate = await sarifValidator();
    assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.ok(run);
    const rules = run.tool.driver.rules ?? [];
    const ruleIds = rules.map((x) => x.id);
    assert.equal(new Set(ruleIds).size, ruleIds.length, 'one rule per kind');
    for (const id of ['hostile-description/hidden_instruction', 'hostile-description/secret_exfiltration', 'annotations/contradiction', 'annotations/missing']) {
      assert.ok(ruleIds.includes(id), id);
    }
    for (const rule of rules) assert.match(rule.help?.text ?? '', /\w{10,}/, `${rule.id} has help`);
    const results = run.results ?? [];
    const contradiction = results.find((x) => x.ruleId === 'annotations/contradiction');
    assert.ok(contradiction);
    assert.equal(contradiction.level, 'error');
    assert.deepEqual(contradiction.locations?.[0]?.logicalLocations, [{ name: 'delete_records', fullyQualifiedName: 'fixture-scan-target/delete_records', kind: 'function' }]);
    assert.match(contradiction.message.text ?? '', /Suggested annotations: \{"readOnlyHint":false,"destructiveHint":true/);
    assert.equal(rules[contradiction.ruleIndex ?? -1]?.id, 'annotations/contradiction');
    const hidden = results.find((x) => x.ruleId === 'hostile-description/hidden_instruction');
    assert.equal(hidden?.level, 'error');
    assert.equal(hidden?.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName, 'fixture-scan-target/add_numbers');
    // GitHub code scanning needs a file: the server script after -- is the one.
    assert.ok(results.every((x) => x.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'test/fixtures/servers/scan-target.mjs'));
    const missing = results.find((x) => x.ruleId === 'annotations/missing');
    assert.equal(missing?.level, 'warning');
    assert.match(missing?.message.text ?? '', /list_tables.*"readOnlyHint":true/);
  });

  it('--fail-on high exits with the documented threshold code, after printing the report', async () => {
    const r = await runScan(['--fail-on', 'high', ...TARGET]);
    assert.equal(r.code, EXIT_SCAN_THRESHOLD, r.stderr);
    assert.equal(EXIT_SCAN_THRESHOLD, 3);
    assert.match(r.stdout, /Grade F/);
    assert.match(r.stderr, /--fail-on high: 1 tool at High risk or above \("delete_records"\)/);
  });

  it('--fail-on-findings exits with the threshold code for hostile findings and contradictions', async () => {
    const r = await runScan(['--fail-on-findings', '--json', ...TARGET]);
    assert.equal(r.code, EXIT_SCAN_THRESHOLD, r.stderr);
    assert.match(r.stderr, /hostile-description findings in "add_numbers"/);
    assert.match(r.stderr, /annotation contradictions in "delete_records"/);
  });
});

describe('scan: a clean, well-annotated server', () => {
  it('grades A and exits 0 under every threshold', async () => {
    const r = await runScan(['--json', '--fail-on', 'high', '--fail-on-findings', ...CLEAN]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as ScanReport;
    assert.equal(report.grade, 'A', JSON.stringify(report.reasons));
    assert.deepEqual(report.reasons, []);
    assert.equal(report.summary.annotationCoverage, 1);
    assert.equal(report.tools.length, 4);
    for (const t of report.tools) assert.ok(t.hints.every((h) => h.status === 'agrees'), `${t.name}: ${JSON.stringify(t.hints)}`);
  });
});

describe('scan --tools FILE (no code runs)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-risk-scan-tools-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const TOOLS = [
    { name: 'delete_branch', description: 'Delete a branch of a repository.', inputSchema: { type: 'object', properties: { branch: { type: 'string' } } }, annotations: { readOnlyHint: true } },
    { name: 'get_issue', description: 'Get an issue by number.', inputSchema: { type: 'object', properties: { number: { type: 'number' } } }, annotations: { readOnlyHint: true } },
    { description: 'a tool without a name' },
  ];

  it('reads {"tools":[…]}, drops a malformed tool with its reason and writes SARIF pointing at the file', async () => {
    const file = path.join(dir, 'github-tools.json');
    await writeFile(file, JSON.stringify({ tools: TOOLS }));
    const sarif = path.join(dir, 'tools.sarif');
    const r = await runScan(['--tools', file, '--json', '--sarif', sarif]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /listing the tools/, 'nothing was started');
    const report = JSON.parse(r.stdout) as ScanReport;
    assert.equal(report.server.name, 'github');
    assert.equal(report.server.source, 'tools-file');
    assert.deepEqual(report.tools.map((t) => t.name), ['delete_branch', 'get_issue']);
    assert.equal(report.dropped.length, 1);
    assert.equal(report.dropped[0]?.index, 2);
    assert.ok(report.tools[0]?.annotationProblems.some((p) => p.kind === 'annotation_contradiction'));
    const log = JSON.parse(await readFile(sarif, 'utf8')) as Log;
    const validate = await sarifValidator();
    assert.equal(validate(log), true, JSON.stringify(validate.errors));
    assert.ok(log.runs[0]?.results?.every((x) => x.locations?.[0]?.physicalLocation?.artifactLocation?.uri?.endsWith('github-tools.json')));
  });

  it('reads a bare array too, and rejects a file that is not a tools list with exit 2', async () => {
    const bare = path.join(dir, 'bare.json');
    await writeFile(bare, JSON.stringify(TOOLS.slice(0, 2)));
    const ok = await runScan(['--tools', bare, '--name', 'gh']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^gh {2}\(tools-file: /);
    const badFile = path.join(dir, 'bad.json');
    await writeFile(badFile, '{"tool": []}');
    const bad = await runScan(['--tools', badFile]);
    assert.equal(bad.code, EXIT_BAD_INPUT);
    assert.match(bad.stderr, /holds neither \{"tools":\[…\]\} nor an array of tools/);
  });
});

describe('scan --url (streamable HTTP on 127.0.0.1)', () => {
  let http: RunningFixture;
  before(async () => {
    http = await startHttpFixture('http-server.mjs');
  });
  after(async () => {
    await http.stop();
  });

  it('lists and grades a remote server', async () => {
    const r = await runScan(['--url', `http://127.0.0.1:${http.port}/mcp`, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as ScanReport;
    assert.equal(report.server.source, 'url');
    assert.equal(report.server.name, 'fixture-http-server');
    assert.deepEqual(report.tools.map((t) => t.name), ['delete_channel', 'get_weather', 'send_message']);
    assert.ok(['B', 'C', 'D', 'F'].includes(report.grade));
  });
});

describe('scan: bad input', () => {
  it('refuses two sources, no source, and conflicting outputs with exit 2 and a hint', async () => {
    const two = await runScan(['--tools', 'a.json', '--url', 'http://127.0.0.1:1/mcp']);
    assert.equal(two.code, EXIT_BAD_INPUT);
    assert.match(two.stderr, /--url and --tools name different servers/);
    const none = await runScan([]);
    assert.equal(none.code, EXIT_BAD_INPUT);
    assert.match(none.stderr, /nothing to scan/);
    const outputs = await runScan(['--json', '--markdown', '--tools', 'a.json']);
    assert.equal(outputs.code, EXIT_BAD_INPUT);
    const failOn = await runScan(['--fail-on', 'severe', '--tools', 'a.json']);
    assert.equal(failOn.code, EXIT_BAD_INPUT);
    assert.match(failOn.stderr, /allowed: low, medium, high, critical/);
    const env = await runScan(['--env', 'ghp_secretvalue', '--tools', 'a.json']);
    assert.equal(env.code, EXIT_BAD_INPUT);
    assert.doesNotMatch(env.stderr, /ghp_secretvalue/, 'a value typed without its key is never echoed');
  });

  it('a server that cannot start is exit 2 with its status and a hint', async () => {
    const r = await runScan(['--', process.execPath, path.join(FIXTURE_DIR, 'crash-at-start.mjs')]);
    assert.equal(r.code, EXIT_BAD_INPUT);
    assert.match(r.stderr, /could not list the tools of .*crashed/);
    assert.match(r.stderr, /hint: /);
  });
});
