// Held-out measurement on the gold set. Servers (not tools) are split into a dev half and a test
// half with a fixed seed, so no server's tools are on both sides: rules are tuned by reading dev
// misses only, and the test half is scored before and after, never read.
//   node --import tsx test/classifiers/gold-split.ts            # figures for dev, test and all
//   node --import tsx test/classifiers/gold-split.ts --misses   # also list the DEV misses (never test)
//   … --gold data/gold/live-heldout2.jsonl                      # another gold file, split the same way
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { evaluate, type GoldItem, type Prediction } from '../../classifiers/evaluate.ts';
import { classifyWithRules } from '../../classifiers/rules-classifier.ts';
import { parseToolLine } from '../../src/cli/commands/classify-command.ts';
import type { Category, Risk, ServerContext, ToolDefinition } from '../../src/types.ts';
import { GOLD_FILE } from './golden-corpus.ts';

/** The split's seed. Changing it (or the hash) reshuffles the halves: don't, or the before/after figures no longer compare. */
export const SPLIT_SEED = 20261124;

export interface GoldRow {
  id: string;
  serverId: string;
  tool: ToolDefinition;
  server?: ServerContext;
  gold: GoldItem;
}

export function loadGold(file = GOLD_FILE): GoldRow[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((text, i) => {
      const parsed = parseToolLine(text);
      if (!parsed.ok) throw new Error(`${file}:${i + 1}: ${parsed.reason}`);
      const raw = parsed.raw as { id: string; server?: { id?: string; name?: string }; label: { category: Category; risk: Risk; ambiguous: boolean; reason?: string }; annotations?: { readOnlyHint?: boolean } | null };
      const serverId = raw.server?.id ?? raw.server?.name ?? raw.id.split('/')[0] ?? '';
      const gold: GoldItem = { id: raw.id, category: raw.label.category, risk: raw.label.risk, ambiguous: raw.label.ambiguous, readOnlyHint: raw.annotations?.readOnlyHint, reason: raw.label.reason };
      const row: GoldRow = { id: raw.id, serverId, tool: parsed.tool, gold };
      if (parsed.server !== undefined) row.server = parsed.server;
      return row;
    });
}

/** FNV-1a of seed + server id: a stable, seed-dependent order independent of file order. */
function hash(s: string): number {
  let h = 0x811c9dc5 ^ SPLIT_SEED;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

/** Servers sorted by their seeded hash; the first half (by server count) is dev, the rest test. */
export function splitServers(rows: readonly GoldRow[]): { dev: Set<string>; test: Set<string> } {
  const servers = [...new Set(rows.map((r) => r.serverId))].sort((a, b) => hash(a) - hash(b) || a.localeCompare(b));
  const half = Math.ceil(servers.length / 2);
  return { dev: new Set(servers.slice(0, half)), test: new Set(servers.slice(half)) };
}

export interface Figures {
  tools: number;
  servers: number;
  categoryAccuracy: number;
  riskAccuracy: number;
  riskWithinOne: number;
  exact: number;
  deleteRecall: number;
  readPrecision: number;
}

export function figures(rows: readonly GoldRow[]): { figures: Figures; predictions: Prediction[] } {
  const predictions = rows.map((r) => {
    const c = classifyWithRules(r.tool, r.server, { ignoreAnnotations: true });
    return { category: c.category, risk: c.risk, confidence: c.confidence, rationale: c.rationale };
  });
  const rep = evaluate(rows.map((r) => r.gold), predictions).all;
  return {
    predictions,
    figures: {
      tools: rows.length,
      servers: new Set(rows.map((r) => r.serverId)).size,
      categoryAccuracy: pct(rep.category.accuracy),
      riskAccuracy: pct(rep.risk.accuracy),
      riskWithinOne: pct(rep.risk.withinOne),
      exact: pct(rep.exact),
      deleteRecall: pct(rep.category.perClass.Delete.recall),
      readPrecision: pct(rep.category.perClass.Read.precision),
    },
  };
}

function pct(x: number): number {
  return Math.round(x * 1000) / 10;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const goldArg = process.argv.indexOf('--gold');
  const rows = goldArg > 0 && process.argv[goldArg + 1] !== undefined ? loadGold(process.argv[goldArg + 1]) : loadGold();
  const { dev, test } = splitServers(rows);
  const devRows = rows.filter((r) => dev.has(r.serverId));
  const testRows = rows.filter((r) => test.has(r.serverId));
  console.log(`seed ${SPLIT_SEED}; dev servers: ${[...dev].sort().join(', ')}`);
  const table: Record<string, Figures> = { dev: figures(devRows).figures, test: figures(testRows).figures, all: figures(rows).figures };
  console.table(table);
  if (process.argv.includes('--misses')) {
    const { predictions } = figures(devRows);
    devRows.forEach((r, i) => {
      const p = predictions[i];
      if (p === undefined || (p.category === r.gold.category && p.risk === r.gold.risk)) return;
      console.log(`${r.id}\tgold ${r.gold.category}/${r.gold.risk}\tpred ${p.category}/${p.risk}\t${r.gold.reason ?? ''}\n\t${(r.tool.description ?? '').slice(0, 160).replace(/\s+/g, ' ')}`);
    });
  }
}
