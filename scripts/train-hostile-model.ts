// Trains the learned-wording model (classifiers/hostile/learned-wording-model.json): logistic
// regression over the words and word pairs of a definition, deterministic (seeded shuffle).
//   node --import tsx scripts/train-hostile-model.ts            writes the model
//   node --import tsx scripts/train-hostile-model.ts --evaluate prints leave-one-set-out figures
//   SETS=1,2,3,4,5,6,8 …                                        trains on another mix of data/hostile sets
// After retraining, refresh the golden outputs too (the finding's message quotes the score):
//   UPDATE_GOLDEN=1 node --import tsx --test test/classifiers/golden-outputs.test.ts
// Hostile: the public poisoned benchmark (../shared/benchmarks) and the attacks of data/hostile.
// Honest: data/hostile's near-misses, the test suite's benign tools, both gold sets and both live crawls.
// (AUGMENT=1 adds docstring-style copies of the live crawl; it raised false alarms on held-out live
// tools, so it is off. The evaluation checks the held-out live tools laid out as docstrings instead.)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { collectText } from '../classifiers/hostile/collect-text.ts';
import { compileModel, learnedCanJudge, learnedFeatures, learnedProbability, learnedText, type LearnedModel } from '../classifiers/hostile/learned-wording.ts';
import { hostileDescription } from '../classifiers/hostile/hostile-description.ts';
import { mulberry32 } from '../src/pipeline/synthetic-catalog.ts';
import type { ToolDefinition } from '../src/types.ts';
import { BENIGN_TOOLS } from '../test/classifiers/benign-tools.ts';
import { POISONED_BENCHMARK } from '../test/helpers/shared-data.ts';

const root = (p: string): string => fileURLToPath(new URL(`../${p}`, import.meta.url));
export const MODEL_PATH = root('classifiers/hostile/learned-wording-model.json');
const THRESHOLD = Number(process.env['THRESHOLD'] ?? 0.98);
const EPOCHS = 30;
const RATE = 0.2;
// Stronger than 1e-4: with set 5 a common phrase ("no need to") reached 0.999 on an honest tool; 1e-3 keeps one phrase from deciding.
const L2 = Number(process.env['L2'] ?? 1e-3);
// Set 7 stays out: its attacks are mostly long, honest vendor manuals around one hostile passage, and training on
// them as wholes taught honest manual wording as hostile (held-out live false alarms 18 -> 38 of 18,636).
// Sets 8 and 9 stay out too: with them, held-out detection on sets 3-6 fell more than false alarms did (tenth
// session, data/hostile/README.md). Set 10 is the blind measure, never trained on.
const HOSTILE_SETS: readonly string[] = (process.env['SETS'] ?? '1,2,3,4,5,6').split(',');
const SET_FILES = (set: string): [string, string] => (set === '1' ? ['heldout-attacks', 'heldout-benign'] : [`heldout${set}-attacks`, `heldout${set}-benign`]);

export interface Example {
  id: string;
  group: string;
  y: 0 | 1;
  tool: ToolDefinition;
}

function lines(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A docstring-style copy: the same words laid out as a Python MCP server's docstring. */
function asDocstring(tool: ToolDefinition): ToolDefinition {
  const props = ((tool.inputSchema as { properties?: Record<string, { type?: string; description?: string }> } | undefined)?.properties ?? {});
  const args = Object.entries(props).map(([k, v]) => `    ${k} (${v.type ?? 'str'}): ${v.description ?? k}`);
  return { name: tool.name, description: `${tool.description ?? ''}\n\nArgs:\n${args.join('\n')}\n\nReturns:\n    dict: The result.` };
}

export function trainingExamples(): Example[] {
  const out: Example[] = [];
  for (const l of lines(POISONED_BENCHMARK)) out.push({ id: String(l['id']), group: 'benchmark', y: 1, tool: l['tool'] as ToolDefinition });
  for (const set of HOSTILE_SETS) {
    const [attacks, benign] = SET_FILES(set);
    for (const l of lines(root(`data/hostile/${attacks}.jsonl`))) out.push({ id: String(l['id']), group: `set${set}`, y: 1, tool: l['tool'] as ToolDefinition });
    for (const l of lines(root(`data/hostile/${benign}.jsonl`))) out.push({ id: String(l['id']), group: `set${set}`, y: 0, tool: l['tool'] as ToolDefinition });
  }
  for (const t of BENIGN_TOOLS) out.push({ id: t.name, group: 'benign-tools', y: 0, tool: t });
  for (const f of ['data/gold/tools.jsonl', 'data/gold/live-heldout.jsonl']) for (const l of lines(root(f))) out.push({ id: String(l['id']), group: 'gold', y: 0, tool: l['tool'] as ToolDefinition });
  for (const l of [...lines(root('data/live/tools.jsonl')), ...lines(root('data/live2/tools.jsonl'))]) {
    const tool = l['tool'] as ToolDefinition;
    const server = (l['server'] as { name?: string } | undefined)?.name ?? '';
    out.push({ id: `${server}/${tool.name}`, group: `live:${server}`, y: 0, tool });
    if (process.env['AUGMENT'] === '1') out.push({ id: `${server}/${tool.name}#doc`, group: `live:${server}`, y: 0, tool: asDocstring(tool) });
  }
  return out;
}

const featuresOf = (tool: ToolDefinition): string[] => learnedFeatures(learnedText(collectText(tool)));

export function train(examples: readonly Example[]): LearnedModel {
  const docs = examples.map((e) => ({ f: featuresOf(e.tool), y: e.y }));
  // Features seen in at least two training definitions: one-off words only memorise.
  const df = new Map<string, number>();
  for (const d of docs) for (const f of d.f) df.set(f, (df.get(f) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [f, n] of [...df].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (n >= 2) index.set(f, index.size);
  const w = new Float64Array(index.size);
  let bias = 0;
  const positives = docs.filter((d) => d.y === 1).length;
  const weightOf = [docs.length / (2 * (docs.length - positives)), docs.length / (2 * positives)];
  const rows = docs.map((d) => ({ x: d.f.map((f) => index.get(f)).filter((i): i is number => i !== undefined), y: d.y }));
  // Seeded shuffle: training gives the same model every time.
  const next = mulberry32(20261124);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let k = rows.length - 1; k > 0; k--) {
      const j = Math.floor(next() * (k + 1));
      const t = rows[k] as (typeof rows)[number];
      rows[k] = rows[j] as (typeof rows)[number];
      rows[j] = t;
    }
    for (const { x, y } of rows) {
      let z = bias;
      for (const i of x) z += w[i] ?? 0;
      const g = (1 / (1 + Math.exp(-z)) - y) * (weightOf[y] ?? 1);
      bias -= RATE * g;
      for (const i of x) w[i] = (w[i] ?? 0) - RATE * (g + L2 * (w[i] ?? 0));
    }
  }
  const weights: Record<string, number> = {};
  for (const [f, i] of index) {
    const v = w[i] ?? 0;
    if (Math.abs(v) >= 0.02) weights[f] = Math.round(v * 1000) / 1000;
  }
  const trainedOn: Record<string, number> = {};
  for (const e of examples) {
    const key = `${e.group.startsWith('live:') ? 'live' : e.group}:${e.y === 1 ? 'hostile' : 'honest'}`;
    trainedOn[key] = (trainedOn[key] ?? 0) + 1;
  }
  return { version: '1', threshold: THRESHOLD, bias: Math.round(bias * 1000) / 1000, weights, trainedOn };
}

/** The model's probability for a definition, 0 where it abstains: the run-time scorer itself. */
export function scoreWith(model: LearnedModel, tool: ToolDefinition): number {
  const text = learnedText(collectText(tool));
  if (!learnedCanJudge(text)) return 0;
  let c = COMPILED.get(model);
  if (c === undefined) COMPILED.set(model, (c = compileModel(model)));
  return learnedProbability(text, c).p;
}
const COMPILED = new WeakMap<LearnedModel, ReturnType<typeof compileModel>>();

/** Live servers split in two by name, so one half's tools are never trained on when it is scored. */
function liveHalf(group: string): number {
  let h = 0;
  for (const c of group) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % 2;
}

export interface HeldOut {
  set: string;
  attacks: number;
  model: number;
  /** Attacks still flagged when appended to a held-out real tool's 0.8–3k-character description. */
  diluted: number;
  evenAttacks: number;
  rulesOrModel: number;
  rules: number;
  nearMisses: number;
  modelFalseAlarms: number;
  evenNearMisses: number;
  rulesFalseAlarms: number;
  rulesOrModelFalseAlarms: number;
  liveTools: number;
  liveFalseAlarms: number;
  /** The same held-out live tools laid out as Python docstrings. */
  docstringFalseAlarms: number;
}

/** Leave one hostile set out (and half of the live servers), train on the rest, score what was left out. */
export function leaveOneSetOut(examples: readonly Example[], set: string): HeldOut {
  const heldLive = (e: Example): boolean => e.group.startsWith('live:') && liveHalf(e.group) === 0;
  const trainOn = examples.filter((e) => e.group !== `set${set}` && !heldLive(e));
  const model = train(trainOn);
  const flagged = (e: Example): boolean => scoreWith(model, e.tool) >= model.threshold;
  const byRules = (e: Example): boolean => hostileDescription(e.tool).some((f) => f.kind !== 'annotation_contradiction' && f.kind !== 'suspicious_wording' && f.severity !== 'low');
  const attacks = examples.filter((e) => e.group === `set${set}` && e.y === 1);
  const near = examples.filter((e) => e.group === `set${set}` && e.y === 0);
  // The rules were tuned on each set's odd ids: only the even ones say how rules and model do together.
  const even = (e: Example): boolean => Number(e.id.slice(1)) % 2 === 0;
  const evenAttacks = attacks.filter(even);
  const evenNear = near.filter(even);
  const live = examples.filter((e) => heldLive(e) && !e.id.endsWith('#doc'));
  // Each attack appended to a held-out real tool's long description: one hostile paragraph in an honest manual.
  const hosts = live.filter((e) => (e.tool.description?.length ?? 0) >= 800 && (e.tool.description?.length ?? 0) <= 3000);
  const diluted = attacks.filter((e, i) => {
    const host = hosts[(i * 37) % hosts.length];
    return host !== undefined && flagged({ ...e, tool: { ...e.tool, description: `${host.tool.description ?? ''}\n\n${e.tool.description ?? ''}` } });
  }).length;
  return {
    set,
    attacks: attacks.length,
    model: attacks.filter(flagged).length,
    diluted,
    evenAttacks: evenAttacks.length,
    rules: evenAttacks.filter(byRules).length,
    rulesOrModel: evenAttacks.filter((e) => flagged(e) || byRules(e)).length,
    nearMisses: near.length,
    modelFalseAlarms: near.filter(flagged).length,
    evenNearMisses: evenNear.length,
    rulesFalseAlarms: evenNear.filter(byRules).length,
    rulesOrModelFalseAlarms: evenNear.filter((e) => flagged(e) || byRules(e)).length,
    liveTools: live.length,
    liveFalseAlarms: live.filter(flagged).length,
    docstringFalseAlarms: live.filter((e) => scoreWith(model, asDocstring(e.tool)) >= model.threshold).length,
  };
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const examples = trainingExamples();
  if (process.argv.includes('--evaluate')) {
    console.log('| left out | model: attacks | model: inside a real description | model: near-miss FA | model: held-out live FA (as docstrings) | even half: rules | even half: rules or model | even half FA: rules | even half FA: rules or model |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const set of HOSTILE_SETS) {
      const r = leaveOneSetOut(examples, set);
      console.log(`| set ${set} | ${r.model}/${r.attacks} | ${r.diluted}/${r.attacks} | ${r.modelFalseAlarms}/${r.nearMisses} | ${r.liveFalseAlarms}/${r.liveTools} (${r.docstringFalseAlarms}) | ${r.rules}/${r.evenAttacks} | ${r.rulesOrModel}/${r.evenAttacks} | ${r.rulesFalseAlarms}/${r.evenNearMisses} | ${r.rulesOrModelFalseAlarms}/${r.evenNearMisses} |`);
    }
  } else {
    const model = train(examples);
    writeFileSync(MODEL_PATH, `${JSON.stringify(model)}\n`);
    console.log(`wrote ${MODEL_PATH}: ${Object.keys(model.weights).length} weights from ${examples.length} definitions`);
  }
}
