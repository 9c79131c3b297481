// Writes the policy JSON Schema, the rules-file JSON Schema and the rules table into docs/ from the
// zod source of truth. Run: node --import tsx scripts/generate-policy-schema.ts
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { policyDocs } from '../src/policy/policy-docs.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const [path, text] of Object.entries(policyDocs())) {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
  console.log(`wrote ${path}`);
}
