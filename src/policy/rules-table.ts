// Renders the recommendation rules as a Markdown table, so the README shows the table the code runs
// (and a team's overridden table can be printed the same way).
import { DEFAULT_RULES, NO_MATCH_RULE, type RecommendationRule } from './recommend-rules.ts';

export function renderRulesTable(rules: readonly RecommendationRule[] = DEFAULT_RULES): string {
  const header = ['#', 'Rule', 'When', 'Action', 'Limit', 'Reason'];
  const rows = [...rules, NO_MATCH_RULE].map((rule, index) => [
    rule === NO_MATCH_RULE ? '—' : String(index + 1),
    `\`${rule.id}\``,
    describeCondition(rule),
    `\`${rule.action}\``,
    rule.limit === undefined ? '—' : `${rule.limit.max} per ${rule.limit.window}`,
    rule.reason,
  ]);
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.map(escapeCell).join(' | ')} |`);
  return `${lines.join('\n')}\n\nThe first matching row decides. Limits use the counter \`<tool>_rate\` with scope \`grant\`.\n`;
}

function describeCondition(rule: RecommendationRule): string {
  if (rule === NO_MATCH_RULE) return 'no row above matched';
  const parts: string[] = [];
  const { categories, risks, finding } = rule.when;
  if (categories !== undefined) parts.push(categories.join(' or '));
  if (risks !== undefined) parts.push(`risk ${risks.join(' or ')}`);
  if (finding !== undefined) {
    let text = `a finding of severity ≥ ${finding.minSeverity}`;
    if (finding.kinds !== undefined) text += ` of kind ${finding.kinds.join(', ')}`;
    if (finding.excludeKinds !== undefined && finding.excludeKinds.length > 0) {
      text += ` (except ${finding.excludeKinds.join(', ')})`;
    }
    parts.push(text);
  }
  return parts.length === 0 ? 'always' : parts.join(', ');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
