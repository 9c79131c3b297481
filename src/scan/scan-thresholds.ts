// CI gates: `--fail-on RISK` (a tool at or above that risk) and `--fail-on-findings` (a hostile-
// description finding of medium or worse, or any annotation contradiction). When one is met the
// command still writes every output, then exits with EXIT_SCAN_THRESHOLD (src/errors.ts).
import { RISKS, type FindingSeverity, type Risk } from '../types.ts';
import type { ScanReport } from './scan-report.ts';

export const FAIL_ON_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type FailOnLevel = (typeof FAIL_ON_LEVELS)[number];

export interface Thresholds {
  failOn?: FailOnLevel | undefined;
  failOnFindings?: boolean | undefined;
}

const SEVERITY_RANK: Record<FindingSeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function isFailOnLevel(value: string): value is FailOnLevel {
  return (FAIL_ON_LEVELS as readonly string[]).includes(value);
}

/** One line per threshold met, naming the tools; empty when the server passes. */
export function thresholdsMet(report: ScanReport, thresholds: Thresholds): string[] {
  const out: string[] = [];
  if (thresholds.failOn !== undefined) {
    const floor = FAIL_ON_LEVELS.indexOf(thresholds.failOn);
    const risky = report.tools.filter((t) => RISKS.indexOf(t.risk) >= floor);
    if (risky.length > 0) {
      const label: Risk = RISKS[floor] ?? 'Low';
      out.push(`--fail-on ${thresholds.failOn}: ${risky.length} tool${risky.length === 1 ? '' : 's'} at ${label} risk or above (${names(risky.map((t) => t.name))})`);
    }
  }
  if (thresholds.failOnFindings === true) {
    const hostile = report.tools.filter((t) => t.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK.medium));
    const contradicted = report.tools.filter((t) => t.annotationProblems.some((p) => p.kind === 'annotation_contradiction'));
    if (hostile.length > 0) out.push(`--fail-on-findings: hostile-description findings in ${names(hostile.map((t) => t.name))}`);
    if (contradicted.length > 0) out.push(`--fail-on-findings: annotation contradictions in ${names(contradicted.map((t) => t.name))}`);
  }
  return out;
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, 5).map((n) => JSON.stringify(n)).join(', ');
  return list.length > 5 ? `${shown} and ${list.length - 5} more` : shown;
}
