import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createHttpServer, type HttpApi } from '../../src/api/http-server.ts';
import { openApiDocument } from '../../src/api/openapi.ts';
import type { Db } from '../../src/db/connect.ts';
import { createLogger } from '../../src/log.ts';
import { resolveAlias } from '../../src/policy/alias.ts';
import { EXPORT_FORMATS, FORMAT_NAMES, exportPolicy } from '../../src/policy/formats/index.ts';
import { findTool, mergedPolicy, policyForTool } from '../../src/policy/lookup-policy.ts';
import { parsePolicy } from '../../src/policy/policy-schema.ts';
import { rulesClassifier } from '../../classifiers/rules-classifier.ts';
import { fillApiCatalog } from '../helpers/api-catalog.ts';
import { describeEachDriver, openTestDatabase, type TestDatabase } from '../helpers/databases.ts';

const quiet = { info() {}, warn() {}, debug() {} };

// Real answers must match the schemas the OpenAPI document publishes.
const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
ajv.addSchema({ $id: 'https://mcp-risk.local/openapi.json', ...openApiDocument() });
function assertDocumented(schema: string, body: unknown): void {
  const validate = ajv.getSchema(`https://mcp-risk.local/openapi.json#/components/schemas/${schema}`);
  assert.ok(validate, `schema ${schema} is in the document`);
  assert.ok(validate(body), `${schema}: ${JSON.stringify(validate.errors)}`);
}

describeEachDriver('HTTP API', (driver) => {
  let database: TestDatabase & { dispose(): Promise<void> };
  let api: HttpApi;
  let base: string;
  before(async () => {
    database = await openTestDatabase(driver);
    await fillApiCatalog(database.db);
    api = createHttpServer({ db: database.db, classifier: rulesClassifier.info, logger: quiet });
    base = await api.listen({ port: 0 });
  });
  after(async () => {
    await api.close();
    await database.dispose();
  });

  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
  };
  const errorOf = (body: Record<string, unknown>) => body['error'] as { code: string; message: string; hint: string | null; suggestions?: string[] };

  it('binds 127.0.0.1 by default and answers /healthz', async () => {
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await get('/healthz');
    assert.equal(res.status, 200);
    assert.match(res.type, /^application\/json/);
    assert.deepEqual(res.json(), { status: 'ok' });
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });

  it('GET /v1/tools: a bare name unique to one server', async () => {
    const res = await get('/v1/tools?name=delete_file');
    assert.equal(res.status, 200);
    const body = res.json();
    assertDocumented('ToolsResponse', body);
    const matches = body['matches'] as Record<string, unknown>[];
    assert.equal(matches.length, 1);
    assert.equal(matches[0]?.['server'], 'filesystem');
    assert.equal(matches[0]?.['category'], 'Delete');
    assert.ok(['High', 'Critical', 'Medium'].includes(String(matches[0]?.['risk'])));
    assert.equal(typeof matches[0]?.['confidence'], 'number');
    assert.ok(String(matches[0]?.['rationale']).length > 10);
  });

  it('GET /v1/tools: a shared name lists every server; server= and qualified names narrow it', async () => {
    const all = (await get('/v1/tools?name=search')).json();
    assert.deepEqual(all['servers'], ['filesystem', 'github', 'io.example/notes']);
    for (const query of ['name=search&server=github', 'name=github/search', 'name=mcp__github__search', `name=search&server=${encodeURIComponent('io.example/notes')}`]) {
      const res = await get(`/v1/tools?${query}`);
      assert.equal(res.status, 200, query);
      const servers = res.json()['servers'] as string[];
      assert.equal(servers.length, 1, query);
    }
    assert.deepEqual((await get('/v1/tools?name=mcp__github__search')).json()['servers'], ['github']);
  });

  it('GET /v1/tools: findings of a hostile description are in the answer', async () => {
    const body = (await get('/v1/tools?name=add_note')).json();
    const [match] = body['matches'] as { findings: unknown[] }[];
    assert.ok((match?.findings.length ?? 0) > 0);
  });

  it('an unknown tool is 404 with close matches', async () => {
    const res = await get('/v1/tools?name=delete_fil');
    assert.equal(res.status, 404);
    const body = res.json();
    assertDocumented('ErrorBody', body);
    assert.equal(errorOf(body).code, 'UNKNOWN_TOOL');
    assert.ok(errorOf(body).suggestions?.includes('delete_file'), JSON.stringify(body));
    assert.equal((await get('/v1/policy?tool=github/delete_file')).status, 404);
  });

  it('a bad query is 400 with a message naming the problem and a hint', async () => {
    const cases: [string, RegExp][] = [
      ['/v1/tools', /"name" is required/],
      ['/v1/tools?name=', /"name" must not be empty/],
      ['/v1/tools?name=x&nmae=y', /unknown query parameter "nmae"/],
      ['/v1/tools?name=a&name=b', /"name" is given more than once/],
      ['/v1/policy?tool=delete_file&format=cedar', /"format" must be one of: v1, claude-code/],
      ['/v1/policy?tool=delete_file&merge=maybe', /"merge" must be 1, true, 0 or false/],
      ['/v1/policy?tool=delete_file&format=claude-code&alias=my%20server', /not a valid claude-code server name/],
      ['/v1/servers/filesystem?x=1', /unknown query parameter "x"/],
      ['/v1/servers/%E0%A4%A', /malformed percent-encoding/],
    ];
    for (const [path, message] of cases) {
      const res = await get(path);
      assert.equal(res.status, 400, path);
      const body = res.json();
      assertDocumented('ErrorBody', body);
      assert.equal(errorOf(body).code, 'BAD_QUERY', path);
      assert.match(errorOf(body).message, message, path);
      assert.ok(errorOf(body).hint, path);
    }
  });

  it('GET /v1/servers/{id}: the server, its last crawl, labelled tools and whole-server policy', async () => {
    const res = await get('/v1/servers/filesystem');
    assert.equal(res.status, 200);
    const body = res.json();
    assertDocumented('ServerDetail', body);
    assert.equal((body['lastCrawl'] as { status: string }).status, 'ok');
    const tools = body['tools'] as { tool: string; category: string }[];
    assert.deepEqual(tools.map((t) => t.tool), ['read_file', 'write_file', 'delete_file', 'search']);
    const policy = parsePolicy(body['policy'], 'answer');
    assert.equal(policy.default, 'deny');
    assert.deepEqual(Object.keys(policy.tools), ['delete_file', 'read_file', 'search', 'write_file']);

    const slashed = await get(`/v1/servers/${encodeURIComponent('io.example/notes')}`);
    assert.equal(slashed.status, 200);
    const broken = (await get('/v1/servers/broken')).json();
    assertDocumented('ServerDetail', broken);
    assert.equal((broken['lastCrawl'] as { status: string }).status, 'crashed');
    assert.deepEqual(broken['tools'], []);
  });

  it('an unknown server is 404 with close ids', async () => {
    const res = await get('/v1/servers/filesystm');
    assert.equal(res.status, 404);
    assert.equal(errorOf(res.json()).code, 'UNKNOWN_SERVER');
    assert.deepEqual(errorOf(res.json()).suggestions, ['filesystem']);
  });

  it('GET /v1/policy: the v1 policy JSON for a bare, a qualified and a client-form name', async () => {
    const { matches } = await findTool(database.db, rulesClassifier.info, 'delete_file');
    const expected = exportPolicy('v1', { alias: 'filesystem', policy: policyForTool(matches[0] ?? assert.fail('no match')) });
    for (const tool of ['delete_file', 'filesystem/delete_file', 'mcp__filesystem__delete_file']) {
      const res = await get(`/v1/policy?tool=${tool}`);
      assert.equal(res.status, 200, tool);
      assert.match(res.type, /^application\/json/);
      assert.equal(res.text, expected, tool);
      assert.equal(res.headers.get('content-disposition'), 'inline; filename="policy.json"');
      assertDocumented('Policy', parsePolicy(res.json(), tool));
    }
  });

  it('GET /v1/policy: a shared name is 409 with the matches; merge=1 gives the most conservative policy', async () => {
    const res = await get('/v1/policy?tool=search');
    assert.equal(res.status, 409);
    const body = res.json();
    assertDocumented('Ambiguous', body);
    assert.equal(errorOf(body).code, 'AMBIGUOUS_TOOL');
    assert.equal((body['matches'] as unknown[]).length, 3);

    const { matches } = await findTool(database.db, rulesClassifier.info, 'search');
    const merged = await get('/v1/policy?tool=search&merge=1');
    assert.equal(merged.status, 200);
    assert.equal(merged.text, exportPolicy('v1', { alias: 'search', policy: mergedPolicy(matches) }));
    assert.equal((await get('/v1/policy?tool=search&merge')).text, merged.text);
    assert.equal((await get('/v1/policy?tool=search&server=github')).status, 200);
  });

  it('GET /v1/policy: every export format, with its media type and the CLI\'s text', async () => {
    const { matches } = await findTool(database.db, rulesClassifier.info, 'github/create_issue');
    const policy = policyForTool(matches[0] ?? assert.fail('no match'));
    for (const format of FORMAT_NAMES) {
      const spec = EXPORT_FORMATS[format];
      const alias = spec.aliasClient ? resolveAlias({ serverName: 'github', client: spec.aliasClient }) : 'github';
      const res = await get(`/v1/policy?tool=github/create_issue&format=${format}`);
      assert.equal(res.status, 200, format);
      assert.equal(res.type, `${spec.mediaType}; charset=utf-8`, format);
      assert.equal(res.text, exportPolicy(format, { alias, policy }), format);
      assert.equal(res.headers.get('content-disposition'), `inline; filename="${spec.fileName}"`);
    }
    const aliased = await get('/v1/policy?tool=github/create_issue&format=claude-code&alias=gh');
    assert.match(aliased.text, /mcp__gh__create_issue/);
  });

  it('a hostile tool\'s policy denies it', async () => {
    const policy = parsePolicy((await get('/v1/policy?tool=add_note')).json(), 'answer');
    assert.equal(policy.tools['add_note']?.action, 'deny');
  });

  it('an unknown route is 404 and another method 405, both JSON', async () => {
    const missing = await get('/v2/tools');
    assert.equal(missing.status, 404);
    assert.equal(errorOf(missing.json()).code, 'NOT_FOUND');
    const post = await fetch(`${base}/v1/tools?name=x`, { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET');
    assert.equal(errorOf((await post.json()) as Record<string, unknown>).code, 'METHOD_NOT_ALLOWED');
  });

  it('answers are deterministic: the same request gives the same bytes', async () => {
    const a = await get('/v1/servers/github');
    const b = await get('/v1/servers/github');
    assert.equal(a.text, b.text);
  });
});

it('an internal error is a 500 without the cause or a stack; the cause goes to the log', async () => {
  const logged: string[] = [];
  const broken = { select: () => { throw new Error('boom: connection string postgres://secret'); } } as unknown as Db;
  const api = createHttpServer({ db: broken, classifier: rulesClassifier.info, logger: { ...createLogger({ quiet: true }), warn: (m) => logged.push(m) } });
  const base = await api.listen({ port: 0 });
  try {
    const res = await fetch(`${base}/v1/tools?name=x`);
    assert.equal(res.status, 500);
    const text = await res.text();
    assert.deepEqual(JSON.parse(text), { error: { code: 'INTERNAL', hint: 'the server logged the cause', message: 'internal error' } });
    assert.doesNotMatch(text, /boom|secret|at /);
    assert.match(logged.join('\n'), /boom/);
  } finally {
    await api.close();
  }
});

it('a port in use is a clear bad-input error', async () => {
  const first = createHttpServer({ db: {} as Db, classifier: rulesClassifier.info });
  const url = await first.listen({ port: 0 });
  const second = createHttpServer({ db: {} as Db, classifier: rulesClassifier.info });
  try {
    await assert.rejects(second.listen({ port: Number(new URL(url).port) }), { code: 'BAD_FLAG', message: /already in use/ });
  } finally {
    await first.close();
    await second.close();
  }
});
