import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildPolicy } from '../../src/policy/build-policy.ts';
import { policyDocs } from '../../src/policy/policy-docs.ts';
import { policyJsonSchema, policySchema } from '../../src/policy/policy-schema.ts';
import { rulesFileJsonSchema } from '../../src/policy/recommend-rules.ts';
import { awkwardTools, GITHUB_TOOLS } from './policy-fixtures.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('policy schema', () => {
  it('docs/ is in sync with the zod source (run scripts/generate-policy-schema.ts if not)', async () => {
    for (const [path, expected] of Object.entries(policyDocs())) {
      const actual = await readFile(join(root, path), 'utf8').catch(() => '(missing)');
      assert.equal(actual, expected, `${path} is out of date: run node --import tsx scripts/generate-policy-schema.ts`);
    }
  });

  it('accepts the Foundation example and the Policies issue model', () => {
    const foundation = { version: '1', default: 'deny', tools: { search: { limits: [{ counter: 'search_rate', window: 'minute', max: 30, scope: 'grant' }] } } };
    assert.equal(policySchema.safeParse(foundation).success, true);
    const full = { version: '1', default: 'allow', tools: { rm: { action: 'deny', reason: 'destructive' }, post: { action: 'require_approval' } } };
    assert.equal(policySchema.safeParse(full).success, true);
  });

  const invalid: Array<[string, unknown]> = [
    ['wrong version', { version: '2', default: 'deny', tools: {} }],
    ['bad default', { version: '1', default: 'ask', tools: {} }],
    ['bad action', { version: '1', default: 'deny', tools: { t: { action: 'ask' } } }],
    ['bad window', { version: '1', default: 'deny', tools: { t: { limits: [{ counter: 'c', window: 'week', max: 1, scope: 'grant' }] } } }],
    ['fractional max', { version: '1', default: 'deny', tools: { t: { limits: [{ counter: 'c', window: 'hour', max: 1.5, scope: 'grant' }] } } }],
    ['unknown key', { version: '1', default: 'deny', tools: { t: { action: 'allow', acton: 'deny' } } }],
    ['missing tools', { version: '1', default: 'deny' }],
  ];

  it('zod and the generated JSON Schema agree on valid and invalid documents', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(policyJsonSchema());
    for (const policy of [buildPolicy(GITHUB_TOOLS), buildPolicy(awkwardTools())]) {
      const plain: unknown = JSON.parse(JSON.stringify(policy));
      assert.equal(validate(plain), true, JSON.stringify(validate.errors));
      assert.equal(policySchema.safeParse(plain).success, true);
    }
    for (const [name, doc] of invalid) {
      assert.equal(validate(doc), false, `JSON Schema accepted ${name}`);
      assert.equal(policySchema.safeParse(doc).success, false, `zod accepted ${name}`);
    }
  });

  it('the rules-file JSON Schema compiles', () => {
    const ajv = new Ajv2020({ strict: true });
    assert.equal(typeof ajv.compile(rulesFileJsonSchema()), 'function');
  });
});
