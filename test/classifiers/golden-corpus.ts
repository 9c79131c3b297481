// The fixed corpus the golden-output test classifies: every benign fixture tool, the 192 poisoned
// definitions of the shared benchmark, and every gold tool (with its server) both with and without
// its declared annotations. One entry per classification, with a stable key.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { POISONED_BENCHMARK } from '../helpers/shared-data.ts';
import type { ClassifyOptions, ServerContext, ToolDefinition } from '../../src/types.ts';
import type { Classification } from '../../classifiers/classifier.ts';
import { parseToolLine } from '../../src/cli/commands/classify-command.ts';
import { BENIGN_TOOLS } from './benign-tools.ts';

export interface GoldenCase {
  key: string;
  tool: ToolDefinition;
  server?: ServerContext;
  options: ClassifyOptions;
}

export const GOLD_FILE = fileURLToPath(new URL('../../data/gold/tools.jsonl', import.meta.url));
export const POISONED_FILE = POISONED_BENCHMARK;
export const GOLDEN_FILE = fileURLToPath(new URL('./fixtures/golden-outputs.json', import.meta.url));

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

export function goldenCorpus(): GoldenCase[] {
  const out: GoldenCase[] = [];
  BENIGN_TOOLS.forEach((tool, i) => out.push({ key: `benign/${i}/${tool.name}`, tool, options: {} }));
  if (existsSync(POISONED_FILE)) {
    lines(POISONED_FILE).forEach((text, i) => {
      const parsed = parseToolLine(text);
      if (!parsed.ok) throw new Error(`${POISONED_FILE}:${i + 1}: ${parsed.reason}`);
      const c: GoldenCase = { key: `poisoned/${i}/${parsed.tool.name}`, tool: parsed.tool, options: {} };
      if (parsed.server !== undefined) c.server = parsed.server;
      out.push(c);
    });
  }
  lines(GOLD_FILE).forEach((text, i) => {
    const parsed = parseToolLine(text);
    if (!parsed.ok) throw new Error(`${GOLD_FILE}:${i + 1}: ${parsed.reason}`);
    const id = typeof parsed.raw['id'] === 'string' ? parsed.raw['id'] : String(i);
    for (const ignore of [true, false]) {
      const c: GoldenCase = { key: `gold/${id}/${ignore ? 'no-annotations' : 'annotations'}`, tool: parsed.tool, options: { ignoreAnnotations: ignore } };
      if (parsed.server !== undefined) c.server = parsed.server;
      out.push(c);
    }
  });
  return out;
}

export interface GoldenOutput {
  category: string;
  risk: string;
  confidence: number;
  ambiguous: boolean;
  tags: string[];
  findings: string[];
  /** sha1 of the whole Classification (rationale, evidence, suggested annotations, findings): any drift shows. */
  digest: string;
}

export function goldenOutput(c: Classification): GoldenOutput {
  return {
    category: c.category,
    risk: c.risk,
    confidence: Math.round(c.confidence * 100) / 100,
    ambiguous: c.ambiguous === true,
    tags: [...c.tags],
    findings: c.findings.map((f) => `${f.kind}:${f.severity}`),
    digest: createHash('sha1').update(JSON.stringify(c)).digest('hex').slice(0, 16),
  };
}
