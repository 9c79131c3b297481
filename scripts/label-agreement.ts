// How far two blind labellers agree on the same gold tools, beside how far the rules classifier
// agrees with either: the ceiling a classifier can be held to on each set.
//   node --import tsx scripts/label-agreement.ts [--json]
// Reads data/gold/second-labels/<set>.jsonl (a second labeller's labels of some or all of the tools
// of data/gold/<set>.jsonl, labelled from the definitions and LABELS.md alone) and scores both
// label sets and the rules classifier (annotations ignored, as in `mcp-risk eval`).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { classifyWithRules } from '../classifiers/rules-classifier.ts';
import { RISKS, type Category, type Risk } from '../src/types.ts';
import { loadGold } from '../test/classifiers/gold-split.ts';

const root = (p: string): string => fileURLToPath(new URL(`../${p}`, import.meta.url));
const SECOND = root('data/gold/second-labels');

interface Label {
  category: Category;
  risk: Risk;
}

export interface Agreement {
  set: string;
  tools: number;
  /** Share of tools where the two labellers give the same category / risk, and risk within one level. */
  category: number;
  risk: number;
  riskWithinOne: number;
  /** The rules classifier's risk against the gold labels and against the second labeller's. */
  rulesRiskVsGold: number;
  rulesRiskVsSecond: number;
  rulesCategoryVsGold: number;
  /** Counts of gold risk → second labeller's risk where they differ. */
  riskDisagreements: Record<string, number>;
}

function jsonLines(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function agreement(set: string): Agreement {
  const gold = new Map(loadGold(root(`data/gold/${set}.jsonl`)).map((row) => [row.id, row]));
  const second = jsonLines(`${SECOND}/${set}.jsonl`) as unknown as Array<Label & { id: string }>;
  const share = (n: number): number => Math.round((1000 * n) / second.length) / 10;
  let category = 0;
  let risk = 0;
  let withinOne = 0;
  let rulesGold = 0;
  let rulesSecond = 0;
  let rulesCategory = 0;
  const riskDisagreements: Record<string, number> = {};
  for (const s of second) {
    const g = gold.get(s.id);
    if (g === undefined) throw new Error(`${set}: second label for unknown tool ${s.id}`);
    const rules = classifyWithRules(g.tool, g.server, { ignoreAnnotations: true });
    if (g.gold.category === s.category) category++;
    if (g.gold.risk === s.risk) risk++;
    else riskDisagreements[`${g.gold.risk}→${s.risk}`] = (riskDisagreements[`${g.gold.risk}→${s.risk}`] ?? 0) + 1;
    if (Math.abs(RISKS.indexOf(g.gold.risk) - RISKS.indexOf(s.risk)) <= 1) withinOne++;
    if (rules.risk === g.gold.risk) rulesGold++;
    if (rules.risk === s.risk) rulesSecond++;
    if (rules.category === g.gold.category) rulesCategory++;
  }
  return {
    set,
    tools: second.length,
    category: share(category),
    risk: share(risk),
    riskWithinOne: share(withinOne),
    rulesRiskVsGold: share(rulesGold),
    rulesRiskVsSecond: share(rulesSecond),
    rulesCategoryVsGold: share(rulesCategory),
    riskDisagreements,
  };
}

export function secondLabelSets(): string[] {
  return readdirSync(SECOND).filter((f) => f.endsWith('.jsonl')).map((f) => f.slice(0, -'.jsonl'.length)).sort();
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = secondLabelSets().map(agreement);
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else {
    console.log('| set | tools | labellers agree: category | risk | risk within one | rules risk = gold | rules risk = second | rules category = gold | risk disagreements (gold→second) |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const r of rows) {
      const d = Object.entries(r.riskDisagreements).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
      console.log(`| ${r.set} | ${r.tools} | ${r.category}% | ${r.risk}% | ${r.riskWithinOne}% | ${r.rulesRiskVsGold}% | ${r.rulesRiskVsSecond}% | ${r.rulesCategoryVsGold}% | ${d} |`);
    }
  }
}
