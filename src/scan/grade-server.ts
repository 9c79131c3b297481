// The A–F grade of a whole server. Each rule caps the grade (a server is as good as its worst
// reason), so every grade comes with the reasons that produced it and the README table below is the
// whole algorithm. GRADE_RULES is that table; gradeServer applies it.
import type { Risk } from '../types.ts';
import { GRADES, type Grade, type GradeReason, type ToolReport, type TrifectaLeg } from './scan-report.ts';

export interface GradeRule {
  id: string;
  cap: Grade;
  /** The condition, in the words the README table uses. */
  when: string;
  why: string;
}

/** Coverage below these shares caps the grade at D, C and B. */
export const COVERAGE_D = 0.5;
export const COVERAGE_C = 0.8;

export const GRADE_RULES: readonly GradeRule[] = [
  { id: 'hostile-finding-high', cap: 'F', when: 'a hostile-description finding of severity high or critical (hidden instructions, secret exfiltration, shadowing, …)', why: 'the tool definition attacks the model that reads it' },
  { id: 'contradiction-high', cap: 'F', when: 'a high-severity annotation contradiction (a delete or code-execution tool that declares readOnlyHint: true)', why: 'clients auto-approve read-only tools: the lie runs the dangerous call unasked' },
  { id: 'hostile-finding-medium', cap: 'D', when: 'a hostile-description finding of severity medium', why: 'likely manipulation of the model; needs a human look' },
  { id: 'contradiction', cap: 'D', when: 'any other annotation contradiction', why: 'the declared hints cannot be trusted for gating' },
  { id: 'lethal-trifecta', cap: 'D', when: 'the server has all three legs of the lethal trifecta: tools tagged reads-private-data, ingests-untrusted-content and public-sink', why: 'injected content can read private data and send it out within one server' },
  { id: 'coverage-below-50', cap: 'D', when: `annotation coverage below ${COVERAGE_D * 100} %`, why: 'most tools fall back to the spec defaults: prompts everywhere, no plan mode' },
  { id: 'critical-tool', cap: 'C', when: 'a Critical-risk tool (arbitrary execution, money, credentials, bulk deletion)', why: 'needs a deny or an approval policy before use' },
  { id: 'coverage-below-80', cap: 'C', when: `annotation coverage below ${COVERAGE_C * 100} %`, why: 'many tools cannot be gated by their hints' },
  { id: 'high-tool', cap: 'B', when: 'a High-risk tool (public writes, production changes, overwrites, irreversible shared deletion)', why: 'needs an approval policy' },
  { id: 'coverage-incomplete', cap: 'B', when: 'annotation coverage below 100 %', why: 'some tools cannot be gated by their hints' },
  { id: 'hostile-finding-low', cap: 'B', when: 'a hostile-description finding of severity low', why: 'odd wording worth a look' },
];

const TRIFECTA_TAGS = ['reads-private-data', 'ingests-untrusted-content', 'public-sink'] as const;

export function trifectaLegs(tools: readonly ToolReport[]): { complete: boolean; legs: TrifectaLeg[] } {
  const legs = TRIFECTA_TAGS.map((tag) => ({ tag, tools: tools.filter((t) => t.tags.includes(tag)).map((t) => t.name) }));
  return { complete: legs.every((l) => l.tools.length > 0), legs };
}

/** Share of tools with no missing_annotations problem; a server without tools counts as covered. */
export function annotationCoverage(tools: readonly ToolReport[]): number {
  if (tools.length === 0) return 1;
  const covered = tools.filter((t) => !t.annotationProblems.some((p) => p.kind === 'missing_annotations')).length;
  return covered / tools.length;
}

export function gradeServer(tools: readonly ToolReport[]): { grade: Grade; reasons: GradeReason[] } {
  const reasons: GradeReason[] = [];
  const add = (id: string, names: string[], message: string) => {
    const rule = GRADE_RULES.find((r) => r.id === id);
    if (rule === undefined || names.length === 0) return;
    reasons.push({ rule: id, cap: rule.cap, message: `${message} (${rule.why})`, tools: names });
  };
  const withFinding = (severities: readonly string[]) =>
    tools.filter((t) => t.findings.some((f) => severities.includes(f.severity))).map((t) => t.name);
  const withContradiction = (high: boolean) =>
    tools
      .filter((t) => t.annotationProblems.some((p) => p.kind === 'annotation_contradiction' && (p.severity === 'high' || p.severity === 'critical') === high))
      .map((t) => t.name);
  const atRisk = (risk: Risk) => tools.filter((t) => t.risk === risk).map((t) => t.name);
  const count = (names: string[], one: string) => `${names.length} ${names.length === 1 ? one : `${one}s`}`;

  add('hostile-finding-high', withFinding(['high', 'critical']), `${count(withFinding(['high', 'critical']), 'tool')} with a high or critical hostile-description finding`);
  add('contradiction-high', withContradiction(true), `${count(withContradiction(true), 'tool')} declaring readOnlyHint: true while deleting or executing`);
  add('hostile-finding-medium', withFinding(['medium']), `${count(withFinding(['medium']), 'tool')} with a medium hostile-description finding`);
  add('contradiction', withContradiction(false), `${count(withContradiction(false), 'tool')} whose annotations contradict the definition`);
  const trifecta = trifectaLegs(tools);
  if (trifecta.complete) {
    const names = [...new Set(trifecta.legs.flatMap((l) => l.tools))].sort();
    add('lethal-trifecta', names, `lethal trifecta: ${trifecta.legs.map((l) => `${l.tag} (${l.tools.slice(0, 3).join(', ')}${l.tools.length > 3 ? ', …' : ''})`).join(' + ')}`);
  }
  const coverage = annotationCoverage(tools);
  const uncovered = tools.filter((t) => t.annotationProblems.some((p) => p.kind === 'missing_annotations')).map((t) => t.name);
  const pct = `${Math.round(coverage * 100)} %`;
  if (coverage < COVERAGE_D) add('coverage-below-50', uncovered, `annotation coverage ${pct}`);
  else if (coverage < COVERAGE_C) add('coverage-below-80', uncovered, `annotation coverage ${pct}`);
  else if (coverage < 1) add('coverage-incomplete', uncovered, `annotation coverage ${pct}`);
  add('critical-tool', atRisk('Critical'), `${count(atRisk('Critical'), 'Critical-risk tool')}`);
  add('high-tool', atRisk('High'), `${count(atRisk('High'), 'High-risk tool')}`);
  add('hostile-finding-low', withFinding(['low']), `${count(withFinding(['low']), 'tool')} with a low hostile-description finding`);

  reasons.sort((a, b) => GRADES.indexOf(b.cap) - GRADES.indexOf(a.cap) || ruleOrder(a.rule) - ruleOrder(b.rule));
  const worst = reasons.reduce((g, r) => (GRADES.indexOf(r.cap) > GRADES.indexOf(g) ? r.cap : g), 'A' as Grade);
  return { grade: worst, reasons };
}

function ruleOrder(id: string): number {
  return GRADE_RULES.findIndex((r) => r.id === id);
}

/** The grading rules as a Markdown table, for the README and `scan --help`. */
export function gradeRulesMarkdown(): string {
  const rows = GRADE_RULES.map((r) => `| ${r.cap} | \`${r.id}\` | ${r.when} | ${r.why} |`);
  return ['| Best grade | Rule | When the server has … | Why |', '|---|---|---|---|', ...rows, '| A | – | none of the above | – |'].join('\n');
}
