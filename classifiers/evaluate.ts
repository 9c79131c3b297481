// Scores a classifier against hand labels: accuracy, per-class precision/recall/F1, confusion
// matrices, the misses that would hurt most, the same on unambiguous items, and how often the
// prediction agrees with the servers' declared readOnlyHint. Pure: data in, numbers out.
import { CATEGORIES, RISKS, type Category, type Risk } from '../src/types.ts';
import { riskIndex } from './classifier.ts';

export interface GoldItem {
  id: string;
  category: Category;
  risk: Risk;
  ambiguous: boolean;
  /** The server's declared readOnlyHint, when it set one. */
  readOnlyHint?: boolean | undefined;
  reason?: string | undefined;
}

export interface Prediction {
  category: Category;
  risk: Risk;
  confidence?: number | undefined;
  rationale?: string | undefined;
}

export interface ClassScore {
  support: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface LabelScores<L extends string> {
  accuracy: number;
  correct: number;
  perClass: Record<L, ClassScore>;
  /** confusion[gold][predicted] = count */
  confusion: Record<L, Record<L, number>>;
  macroF1: number;
}

export interface SubsetScores {
  n: number;
  category: LabelScores<Category>;
  risk: LabelScores<Risk> & { withinOne: number; underByTwoOrMore: number; overByTwoOrMore: number };
  /** Category and risk both right. */
  exact: number;
}

export interface Miss {
  id: string;
  gold: { category: Category; risk: Risk; ambiguous: boolean };
  predicted: { category: Category; risk: Risk; confidence?: number };
  /** Why it is a miss worth reading, e.g. "Delete predicted Read", "risk 2 levels low". */
  kinds: string[];
  /** Larger is worse: unsafe mistakes (calling a deletion a read, under-rating risk) weigh most. */
  severity: number;
  reason?: string;
}

export interface HintAgreement {
  /** Items whose server set readOnlyHint. */
  declared: number;
  /** Of those, where (predicted category == Read) equals the hint. */
  predictionAgrees: number;
  /** The same for the gold label, for comparison: how far the hints themselves can be trusted. */
  goldAgrees: number;
  declaredTrue: { n: number; predictedRead: number; goldRead: number };
  declaredFalse: { n: number; predictedRead: number; goldRead: number };
}

export interface EvalReport {
  total: number;
  all: SubsetScores;
  unambiguous: SubsetScores;
  readOnlyHint: HintAgreement;
  misses: { count: number; deleteAsRead: number; writeAsRead: number; worst: Miss[] };
}

// How unsafe each category mistake is for a gateway: calling a deletion a read lets it through unguarded.
const CATEGORY_PENALTY: Record<Category, Record<Category, number>> = {
  Read: { Read: 0, Write: 1, Delete: 1.5 },
  Write: { Read: 3, Write: 0, Delete: 1 },
  Delete: { Read: 4, Write: 2, Delete: 0 },
};

export function evaluate(gold: readonly GoldItem[], predictions: readonly Prediction[], options: { misses?: number } = {}): EvalReport {
  if (gold.length !== predictions.length) throw new Error(`evaluate: ${gold.length} gold items but ${predictions.length} predictions`);
  const pairs = gold.map((g, i) => ({ g, p: predictions[i] as Prediction }));
  const misses = pairs.flatMap(({ g, p }) => missOf(g, p) ?? []);
  misses.sort((a, b) => b.severity - a.severity || a.id.localeCompare(b.id));
  return {
    total: gold.length,
    all: subsetScores(pairs),
    unambiguous: subsetScores(pairs.filter(({ g }) => !g.ambiguous)),
    readOnlyHint: hintAgreement(pairs),
    misses: {
      count: misses.length,
      deleteAsRead: misses.filter((m) => m.gold.category === 'Delete' && m.predicted.category === 'Read').length,
      writeAsRead: misses.filter((m) => m.gold.category === 'Write' && m.predicted.category === 'Read').length,
      worst: misses.slice(0, options.misses ?? 20),
    },
  };
}

type Pair = { g: GoldItem; p: Prediction };

function subsetScores(pairs: readonly Pair[]): SubsetScores {
  const diffs = pairs.map(({ g, p }) => riskIndex(p.risk) - riskIndex(g.risk));
  return {
    n: pairs.length,
    category: labelScores(CATEGORIES, pairs.map(({ g, p }) => [g.category, p.category] as const)),
    risk: {
      ...labelScores(RISKS, pairs.map(({ g, p }) => [g.risk, p.risk] as const)),
      withinOne: ratio(diffs.filter((d) => Math.abs(d) <= 1).length, pairs.length),
      underByTwoOrMore: diffs.filter((d) => d <= -2).length,
      overByTwoOrMore: diffs.filter((d) => d >= 2).length,
    },
    exact: ratio(pairs.filter(({ g, p }) => g.category === p.category && g.risk === p.risk).length, pairs.length),
  };
}

export function labelScores<L extends string>(labels: readonly L[], pairs: readonly (readonly [gold: L, predicted: L])[]): LabelScores<L> {
  const confusion = Object.fromEntries(labels.map((g) => [g, Object.fromEntries(labels.map((p) => [p, 0]))])) as Record<L, Record<L, number>>;
  for (const [g, p] of pairs) confusion[g][p] += 1;
  const perClass = {} as Record<L, ClassScore>;
  for (const label of labels) {
    const tp = confusion[label][label];
    const support = labels.reduce((sum, p) => sum + confusion[label][p], 0);
    const predicted = labels.reduce((sum, g) => sum + confusion[g][label], 0);
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    perClass[label] = { support, predicted, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
  }
  const correct = labels.reduce((sum, l) => sum + confusion[l][l], 0);
  // Macro F1 over the classes that occur in the gold labels: an absent class says nothing.
  const present = labels.filter((l) => perClass[l].support > 0);
  return {
    accuracy: ratio(correct, pairs.length),
    correct,
    perClass,
    confusion,
    macroF1: present.length === 0 ? 0 : present.reduce((sum, l) => sum + perClass[l].f1, 0) / present.length,
  };
}

function missOf(g: GoldItem, p: Prediction): Miss | undefined {
  const kinds: string[] = [];
  let severity = CATEGORY_PENALTY[g.category][p.category];
  if (severity > 0) kinds.push(`${g.category} predicted ${p.category}`);
  const diff = riskIndex(p.risk) - riskIndex(g.risk);
  if (diff <= -2) kinds.push(`risk ${-diff} levels low`);
  if (diff >= 2) kinds.push(`risk ${diff} levels high`);
  if (kinds.length === 0) return undefined;
  // Under-rating risk is worse than over-rating it; a one-level slip alone is not a "worst miss".
  severity += diff < 0 ? -diff * 1.5 : diff * 0.5;
  const miss: Miss = {
    id: g.id,
    gold: { category: g.category, risk: g.risk, ambiguous: g.ambiguous },
    predicted: { category: p.category, risk: p.risk, ...(p.confidence === undefined ? {} : { confidence: p.confidence }) },
    kinds,
    severity: Math.round(severity * 100) / 100,
  };
  if (g.reason !== undefined) miss.reason = g.reason;
  return miss;
}

function hintAgreement(pairs: readonly Pair[]): HintAgreement {
  const declared = pairs.filter(({ g }) => g.readOnlyHint !== undefined);
  const side = (hint: boolean) => {
    const items = declared.filter(({ g }) => g.readOnlyHint === hint);
    return {
      n: items.length,
      predictedRead: items.filter(({ p }) => p.category === 'Read').length,
      goldRead: items.filter(({ g }) => g.category === 'Read').length,
    };
  };
  return {
    declared: declared.length,
    predictionAgrees: declared.filter(({ g, p }) => (p.category === 'Read') === g.readOnlyHint).length,
    goldAgrees: declared.filter(({ g }) => (g.category === 'Read') === g.readOnlyHint).length,
    declaredTrue: side(true),
    declaredFalse: side(false),
  };
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

// ---- report ---------------------------------------------------------------------------------

/** The report as Markdown: readable in a terminal, pasteable into a README or a PR. */
export function renderEvalMarkdown(report: EvalReport, title = 'Classifier evaluation'): string {
  const out: string[] = [`# ${title}`, ''];
  out.push(...renderSubset(`All ${report.total} tools`, report.all));
  out.push(...renderSubset(`Unambiguous tools only (${report.unambiguous.n})`, report.unambiguous));
  const h = report.readOnlyHint;
  out.push(
    '## Agreement with declared readOnlyHint',
    '',
    `${h.declared} tools declare readOnlyHint. Predicted (category == Read) agrees with it on ${h.predictionAgrees}/${h.declared} (${pct(ratio(h.predictionAgrees, h.declared))}); the gold labels agree on ${h.goldAgrees}/${h.declared} (${pct(ratio(h.goldAgrees, h.declared))}).`,
    '',
    '| declared | tools | predicted Read | gold Read |',
    '|---|---:|---:|---:|',
    `| readOnlyHint: true | ${h.declaredTrue.n} | ${h.declaredTrue.predictedRead} | ${h.declaredTrue.goldRead} |`,
    `| readOnlyHint: false | ${h.declaredFalse.n} | ${h.declaredFalse.predictedRead} | ${h.declaredFalse.goldRead} |`,
    '',
  );
  const m = report.misses;
  out.push(
    `## Worst misses (${m.worst.length} of ${m.count})`,
    '',
    `A miss here is a wrong category or a risk two or more levels off. Gold Delete predicted Read: ${m.deleteAsRead}; gold Write predicted Read: ${m.writeAsRead}.`,
    '',
  );
  if (m.worst.length > 0) {
    out.push('| tool | gold | predicted | why | gold reason |', '|---|---|---|---|---|');
    for (const miss of m.worst) {
      const gold = `${miss.gold.category}/${miss.gold.risk}${miss.gold.ambiguous ? ' (ambiguous)' : ''}`;
      const predicted = `${miss.predicted.category}/${miss.predicted.risk}${miss.predicted.confidence === undefined ? '' : ` (${miss.predicted.confidence.toFixed(2)})`}`;
      out.push(`| ${cell(miss.id)} | ${gold} | ${predicted} | ${miss.kinds.join('; ')} | ${cell(miss.reason ?? '')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

function renderSubset(heading: string, s: SubsetScores): string[] {
  return [
    `## ${heading}`,
    '',
    `- Category accuracy: **${pct(s.category.accuracy)}** (${s.category.correct}/${s.n}), macro F1 ${s.category.macroF1.toFixed(3)}`,
    `- Risk accuracy: **${pct(s.risk.accuracy)}** (${s.risk.correct}/${s.n}), macro F1 ${s.risk.macroF1.toFixed(3)}; within one level ${pct(s.risk.withinOne)}; two or more levels low: ${s.risk.underByTwoOrMore}, high: ${s.risk.overByTwoOrMore}`,
    `- Category and risk both right: ${pct(s.exact)}`,
    '',
    ...renderLabelTables('category', CATEGORIES, s.category),
    ...renderLabelTables('risk', RISKS, s.risk),
  ];
}

function renderLabelTables<L extends string>(name: string, labels: readonly L[], scores: LabelScores<L>): string[] {
  const out = [`| ${name} | gold | predicted | precision | recall | F1 |`, '|---|---:|---:|---:|---:|---:|'];
  for (const l of labels) {
    const c = scores.perClass[l];
    out.push(`| ${l} | ${c.support} | ${c.predicted} | ${pct(c.precision)} | ${pct(c.recall)} | ${c.f1.toFixed(3)} |`);
  }
  out.push('', `| gold ${name} ↓ / predicted → | ${labels.join(' | ')} |`, `|---|${labels.map(() => '---:').join('|')}|`);
  for (const g of labels) out.push(`| ${g} | ${labels.map((p) => String(scores.confusion[g][p])).join(' | ')} |`);
  out.push('');
  return out;
}

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** Gold reasons and ids are ours, but keep the table intact whatever they contain. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}
