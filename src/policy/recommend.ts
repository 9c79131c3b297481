// From a classification to the policy that should guard the tool: the first rule of the table whose
// condition holds decides, and its reason travels with the result so every export can say why.
import type { Classification, Finding, FindingSeverity } from '../types.ts';
import type { Action, RateLimit, ToolPolicy } from './policy-schema.ts';
import { DEFAULT_RULES, NO_MATCH_RULE, SEVERITIES, type RecommendationRule } from './recommend-rules.ts';

export interface Recommendation {
  tool: string;
  action: Action;
  reason: string;
  limits: RateLimit[];
  /** Id of the rule that decided, so a surprising result can be traced to its row. */
  rule: string;
}

/** The scope every recommended limit uses: one budget per granted credential (Foundation format). */
export const LIMIT_SCOPE = 'grant';

/** The counter a tool's recommended limit uses, as in the Foundation format: "<tool>_rate". */
export function limitCounter(tool: string): string {
  return `${tool}_rate`;
}

export function recommend(
  tool: string,
  classification: Pick<Classification, 'category' | 'risk' | 'findings'>,
  rules: readonly RecommendationRule[] = DEFAULT_RULES,
): Recommendation {
  for (const rule of rules) {
    const match = matchRule(rule, classification);
    if (match.matched) return fromRule(tool, rule, classification, match.finding);
  }
  return fromRule(tool, NO_MATCH_RULE, classification, undefined);
}

/** The v1 tool entry for a recommendation (what build-policy.ts writes under "tools"). */
export function toToolPolicy(recommendation: Recommendation): ToolPolicy {
  const entry: ToolPolicy = { action: recommendation.action, reason: recommendation.reason };
  if (recommendation.limits.length > 0) entry.limits = recommendation.limits.map((limit) => ({ ...limit }));
  return entry;
}

type RuleMatch = { matched: false } | { matched: true; finding: Finding | undefined };

function matchRule(rule: RecommendationRule, c: Pick<Classification, 'category' | 'risk' | 'findings'>): RuleMatch {
  const { categories, risks, finding } = rule.when;
  if (categories !== undefined && !categories.includes(c.category)) return { matched: false };
  if (risks !== undefined && !risks.includes(c.risk)) return { matched: false };
  if (finding === undefined) return { matched: true, finding: undefined };
  const min = severityRank(finding.minSeverity);
  const candidates = c.findings.filter(
    (f) =>
      severityRank(f.severity) >= min &&
      (finding.kinds === undefined || finding.kinds.some((pattern) => kindMatches(pattern, f.kind))) &&
      !(finding.excludeKinds ?? []).some((pattern) => kindMatches(pattern, f.kind)),
  );
  if (candidates.length === 0) return { matched: false };
  // The most severe finding is the one worth quoting; ties keep the classifier's order.
  const worst = candidates.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
  return { matched: true, finding: worst };
}

function fromRule(
  tool: string,
  rule: RecommendationRule,
  c: Pick<Classification, 'category' | 'risk'>,
  finding: Finding | undefined,
): Recommendation {
  const values: Record<string, string> = {
    category: c.category,
    risk: c.risk,
    findingKind: finding?.kind ?? '',
    findingSeverity: finding?.severity ?? '',
    findingMessage: finding?.message ?? '',
  };
  const reason = rule.reason.replace(/\{([^}]*)\}/g, (whole, name: string) => values[name] ?? whole);
  const limits: RateLimit[] =
    rule.limit === undefined || rule.action === 'deny'
      ? []
      : [{ counter: limitCounter(tool), window: rule.limit.window, max: rule.limit.max, scope: LIMIT_SCOPE }];
  return { tool, action: rule.action, reason, limits, rule: rule.id };
}

function kindMatches(pattern: string, kind: string): boolean {
  return pattern.endsWith('*') ? kind.startsWith(pattern.slice(0, -1)) : kind === pattern;
}

function severityRank(severity: FindingSeverity): number {
  return SEVERITIES.indexOf(severity);
}
