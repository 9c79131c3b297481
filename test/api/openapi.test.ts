import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createHttpServer, type HttpApi } from '../../src/api/http-server.ts';
import { HTTP_ROUTES } from '../../src/api/http-routes.ts';
import { openApiDocument } from '../../src/api/openapi.ts';
import { stableJson } from '../../src/policy/stable-json.ts';
import { rulesClassifier } from '../../classifiers/rules-classifier.ts';
import { describeEachDriver, openTestDatabase, type TestDatabase } from '../helpers/databases.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function documentedOperations(): string[] {
  const paths = openApiDocument()['paths'] as Record<string, Record<string, unknown>>;
  return Object.entries(paths)
    .flatMap(([path, item]) => Object.keys(item).filter((k) => METHODS.includes(k)).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

it('every route the server dispatches is in the OpenAPI document, and nothing else is', () => {
  const routed = HTTP_ROUTES.map((r) => `${r.method} ${r.path}`).sort();
  assert.deepEqual(documentedOperations(), routed);
});

it('every path parameter in a route is documented as one', () => {
  const paths = openApiDocument()['paths'] as Record<string, { get: { parameters?: { name: string; in: string }[] } }>;
  for (const route of HTTP_ROUTES) {
    const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const documented = (paths[route.path]?.get.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
    assert.deepEqual(documented, names, route.path);
  }
});

it('the document is OpenAPI 3.1 and its schemas compile as JSON Schema 2020-12', () => {
  const doc = openApiDocument();
  assert.equal(doc['openapi'], '3.1.0');
  const ajv = new Ajv2020({ strict: false, validateFormats: false });
  ajv.addSchema({ $id: 'https://mcp-risk.local/openapi.json', ...doc });
  const schemas = Object.keys((doc['components'] as { schemas: Record<string, unknown> }).schemas);
  for (const name of schemas) assert.ok(ajv.getSchema(`https://mcp-risk.local/openapi.json#/components/schemas/${name}`), name);
  // Every $ref points at something that exists.
  const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1] ?? '');
  for (const ref of refs) {
    let node: unknown = doc;
    for (const part of ref.split('/')) node = (node as Record<string, unknown> | undefined)?.[part];
    assert.ok(node !== undefined, ref);
  }
});

describeEachDriver('GET /openapi.json', (driver) => {
  let database: TestDatabase & { dispose(): Promise<void> };
  let api: HttpApi;
  before(async () => {
    database = await openTestDatabase(driver);
    api = createHttpServer({ db: database.db, classifier: rulesClassifier.info });
  });
  after(async () => {
    await api.close();
    await database.dispose();
  });

  it('serves the document, byte-identical on every request', async () => {
    const base = await api.listen({ port: 0 });
    const first = await fetch(`${base}/openapi.json`);
    assert.equal(first.status, 200);
    const text = await first.text();
    assert.equal(text, stableJson(openApiDocument()));
    assert.equal(await (await fetch(`${base}/openapi.json`)).text(), text);
  });
});
