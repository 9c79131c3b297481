// The per-sentence gates in hostile-combos.ts skip a regex when a sentence lacks every word its
// matches need. A gate that is too tight would silently drop findings, so check it on every sentence
// (and sentence pair) of the fixed corpus: wherever a gated regex matches, its gate must open.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { GATED_RULES, mayNameTool, TOOL_REF_RULE } from '../../classifiers/hostile/hostile-combos.ts';
import { hostileHits, isExcepted } from '../../classifiers/hostile/hostile-description.ts';
import { sentenceBounds } from '../../classifiers/hostile/sentence-bounds.ts';
import { opens, sentenceMasks } from '../../classifiers/hostile/sentence-gates.ts';
import { FEATURES, type Feature } from '../../classifiers/hostile/hostile-patterns.ts';
import { LEXICON, scanWords } from '../../classifiers/text-words.ts';
import type { ToolDefinition } from '../../src/types.ts';
import { goldenCorpus } from './golden-corpus.ts';

/** The prose the co-occurrence rules read, in original case, for every tool of the corpus. */
function texts(): string[] {
  const out: string[] = [];
  for (const c of goldenCorpus()) {
    out.push(hostileHits(c.tool).text);
    if (typeof c.tool.description === 'string') out.push(c.tool.description);
  }
  return out;
}

describe('per-sentence gates of the co-occurrence rules', () => {
  it('open wherever their regex matches', () => {
    const misses: string[] = [];
    const matches = new Map<string, number>();
    for (const cased of texts()) {
      const lower = cased.toLowerCase();
      const words = scanWords(lower);
      const { starts, ends } = sentenceBounds(lower, { starts: [], ends: [] });
      const masks = sentenceMasks(words, starts, ends, starts.length, []);
      for (let i = 0; i < starts.length; i++) {
        const s = lower.slice(starts[i], ends[i]);
        const next = i + 1 < starts.length ? lower.slice(starts[i + 1], ends[i + 1]) : '';
        const mask = masks[i] ?? 0;
        const pairMask = mask | (masks[i + 1] ?? 0);
        if (cased.length === lower.length) {
          const casedSentence = cased.slice(starts[i], ends[i]);
          if (TOOL_REF_RULE.test(casedSentence)) {
            matches.set('TOOL_REF', (matches.get('TOOL_REF') ?? 0) + 1);
            if (!mayNameTool(mask, casedSentence)) misses.push(`TOOL_REF: ${casedSentence.slice(0, 160)}`);
          }
        }
        for (const rule of GATED_RULES) {
          const text = rule.on === 'pair' ? `${s} ${next}` : s;
          if (!rule.re.test(text)) continue;
          matches.set(rule.name, (matches.get(rule.name) ?? 0) + 1);
          if (!opens(rule.on === 'pair' ? pairMask : mask, rule.gate)) misses.push(`${rule.name}: ${text.slice(0, 160)}`);
        }
      }
    }
    assert.deepEqual(misses.slice(0, 20), []);
    // Every gated rule is exercised by the corpus, so the check above means something.
    for (const name of [...GATED_RULES.map((r) => r.name), 'TOOL_REF']) assert.ok((matches.get(name) ?? 0) > 0, `${name} never matches the corpus`);
  });
});

/** Every tool the hostile sets hold (data/hostile), beside the fixed corpus: the quiet-attack features are exercised there. */
function hostileSetTools(): ToolDefinition[] {
  const dir = fileURLToPath(new URL('../../data/hostile/', import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l) => l.trim() !== ''))
    .map((l) => (JSON.parse(l) as { tool: ToolDefinition }).tool);
}

/** Whether the feature's regex has a match in the text that its `except` keeps. */
function countedMatch(f: Feature, source: string, lower: string): boolean {
  const all = new RegExp(f.re.source, f.re.flags.includes('g') ? f.re.flags : `${f.re.flags}g`);
  for (const m of source.matchAll(all)) if (f.except === undefined || !isExcepted(f.except, m as RegExpExecArray, m.index, lower)) return true;
  return false;
}

describe('word gates of the single-phrase features', () => {
  it('let a feature run wherever its regex has a match that counts', () => {
    const misses: string[] = [];
    const exercised = new Set<string>();
    const tools = [...goldenCorpus().map((c) => c.tool), ...hostileSetTools()];
    for (const tool of tools) {
      const cased = hostileHits(tool).text;
      const lower = cased.toLowerCase();
      const words = scanWords(lower);
      for (const f of FEATURES) {
        // A gate must open wherever a match would count: one its honest near-miss exception does not drop.
        if (!countedMatch(f, f.cased === true ? cased : lower, lower)) continue;
        exercised.add(f.id);
        const triggered = (f.words === undefined && f.chars === undefined) || words.hasAny(LEXICON.idsOf(f.words ?? [])) || (f.chars ?? []).some((c) => lower.includes(c));
        const also = f.also === undefined || words.hasAny(LEXICON.idsOf(f.also));
        const needs = f.needs === undefined || lower.includes(f.needs);
        if (!(triggered && also && needs)) misses.push(`${f.id} (${triggered ? '' : 'words/chars '}${also ? '' : 'also '}${needs ? '' : 'needs'}): ${lower.slice(0, 120)}`);
      }
    }
    assert.deepEqual(misses.slice(0, 20), []);
    assert.ok(exercised.size >= FEATURES.length * 0.8, `only ${exercised.size} of ${FEATURES.length} features match the corpus`);
  });
});
