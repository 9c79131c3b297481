// anchored-regex.ts runs a regex's alternatives at the occurrences of their start words. It must
// find exactly what the plain regex finds: checked on every feature regex against every sentence of
// the hostile sets and the gold corpus, and on the parsing of start words.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AnchoredRegex, splitTopLevel, startWords } from '../../classifiers/anchored-regex.ts';
import { FEATURES } from '../../classifiers/hostile/hostile-patterns.ts';
import { scanWords } from '../../classifiers/text-words.ts';
import { POISONED_BENCHMARK } from '../helpers/shared-data.ts';
import { goldenCorpus } from './golden-corpus.ts';

const HOSTILE_DIR = fileURLToPath(new URL('../../data/hostile/', import.meta.url));

/** Lowercased descriptions of the hostile sets, the poisoned benchmark and the gold corpus. */
function texts(): string[] {
  const out: string[] = [];
  const add = (d: unknown): void => {
    if (typeof d === 'string' && d !== '') out.push(d.toLowerCase());
  };
  for (const f of readdirSync(HOSTILE_DIR).filter((n) => n.endsWith('.jsonl'))) {
    for (const l of readFileSync(HOSTILE_DIR + f, 'utf8').split('\n')) if (l.trim() !== '') add((JSON.parse(l) as { tool?: { description?: string } }).tool?.description);
  }
  for (const l of readFileSync(POISONED_BENCHMARK, 'utf8').split('\n')) if (l.trim() !== '') add((JSON.parse(l) as { tool?: { description?: string } }).tool?.description);
  for (const c of goldenCorpus()) add(c.tool.description);
  return out;
}

describe('anchored regexes', () => {
  it('split at top-level alternatives only', () => {
    assert.deepEqual(splitTopLevel(String.raw`\ba(?:b|c)|[|]d|\|e`), [String.raw`\ba(?:b|c)`, '[|]d', String.raw`\|e`]);
  });

  it('read the words a match must start with, or give up', () => {
    // A whole word where the pattern ends it; a prefix where it may go on.
    assert.deepEqual(startWords(String.raw`\b(?:prefer|choose|favou?r) \w+`), ['prefer', 'choose', 'favo*']);
    assert.deepEqual(startWords(String.raw`\b(?:the )?only (?:source|tool)`), ['the', 'only']);
    assert.deepEqual(startWords(String.raw`\b(?:they|those)\b must`), ['they', 'those']);
    assert.deepEqual(startWords(String.raw`\ban? (?:tool)`), ['an', 'a']);
    assert.deepEqual(startWords(String.raw`(?<!e\.g\.[^.\n]{0,15})\b(?:forward|send)\w*`), ['forward*', 'send*']);
    assert.deepEqual(startWords(String.raw`\b(?:(?:do not|don'?t) (?:rely on)|steer clear)`), ['do', 'don*', 'steer']);
    assert.equal(startWords(String.raw`\b(?:a|b)*c`), undefined);
    assert.equal(startWords(String.raw`\b(?:always )?(?:add|set)?\s*(?:bcc|cc)\b`), undefined);
    assert.equal(startWords(String.raw`(?:^|\n)\s*SYSTEM\s*:`), undefined);
    assert.equal(startWords(String.raw`\b\d{2}% of`), undefined);
  });

  it('find the same first match as the plain regex, for every feature on every text', () => {
    // Each text as it is, and with an honest paragraph after it (more words, later matches).
    const filler = `\n${'Values are separated by semicolons. '.repeat(20)}`;
    const corpus = texts().flatMap((t) => [t, t + filler]);
    assert.ok(corpus.length > 1000, `${corpus.length} texts`);
    const differences: string[] = [];
    let matches = 0;
    for (const f of FEATURES) {
      const anchored = new AnchoredRegex(f.re);
      for (const text of corpus) {
        const plain = f.re.exec(text);
        const found = anchored.first(text, scanWords(text), () => true);
        if (plain !== null) matches++;
        if ((plain?.index ?? -1) !== (found?.index ?? -1)) differences.push(`${f.id}: plain ${plain?.index ?? 'none'}, anchored ${found?.index ?? 'none'} in "${text.slice(0, 80)}"`);
      }
    }
    assert.ok(matches > 300, `${matches} matches checked`);
    assert.deepEqual(differences, []);
  });

  it('take a later match when the first is refused', () => {
    const re = new AnchoredRegex(/\b(?:send|post) it\b|\bforward it\b/);
    for (const text of ['send it now, then forward it and post it', `send it now, then forward it and post it${' and wait'.repeat(80)}`]) {
      const seen: number[] = [];
      const m = re.first(text, scanWords(text), (c) => {
        seen.push(c.index);
        return c.index > 10;
      });
      assert.deepEqual(seen, [0, 18]);
      assert.equal(m?.index, 18);
    }
  });
});
