// The scan as a pull-request comment: grade and reasons first, a table of tools, then a collapsed
// block per tool that has something to fix, with the paste-ready annotations. Every stranger-written
// string goes through mdCode (a literal code span): no links, mentions or HTML from a tool definition.
import { annotationsJson } from './review-tool.ts';
import type { ScanReport, ToolReport } from './scan-report.ts';
import { htmlCode, mdCode, mdText } from './visible-text.ts';

const GRADE_EMOJI = { A: '🟢', B: '🟢', C: '🟡', D: '🟠', F: '🔴' } as const;

export function renderScanMarkdown(report: ScanReport): string {
  const { server, summary } = report;
  const out: string[] = [];
  const version = server.version === undefined ? '' : ` ${mdCode(server.version)}`;
  out.push(`### ${GRADE_EMOJI[report.grade]} mcp-risk scan: ${mdCode(server.name)}${version} — grade **${report.grade}**`, '');
  const legs = summary.trifecta.legs.filter((l) => l.tools.length > 0).length;
  out.push(
    `${summary.tools} tools · annotation coverage ${Math.round(summary.annotationCoverage * 100)} % · ` +
      `${summary.contradictions} annotation contradiction${summary.contradictions === 1 ? '' : 's'} · ` +
      `${summary.findings} hostile-description finding${summary.findings === 1 ? '' : 's'} · lethal trifecta ${legs}/3 legs` +
      (summary.dropped > 0 ? ` · ${summary.dropped} malformed tools dropped` : ''),
    '',
  );
  if (report.reasons.length > 0) {
    out.push('**Why this grade**', '');
    for (const r of report.reasons) {
      const tools = r.tools.slice(0, 10).map(mdCode).join(', ') + (r.tools.length > 10 ? ` and ${r.tools.length - 10} more` : '');
      out.push(`- **${r.cap}** \`${r.rule}\`: ${mdText(r.message)}: ${tools}`);
    }
    out.push('');
  }
  out.push('| Tool | Category | Risk | Confidence | Annotations | Findings |', '|---|---|---|---|---|---|');
  for (const t of report.tools) {
    out.push(`| ${mdCode(t.name)} | ${t.category} | ${t.risk} | ${t.confidence.toFixed(2)} | ${annotationCell(t)} | ${findingCell(t)} |`);
  }
  const toFix = report.tools.filter((t) => t.findings.length > 0 || t.annotationProblems.length > 0);
  if (toFix.length > 0) out.push('', '**What to fix**', '');
  for (const t of toFix) out.push(...toolDetails(t));
  out.push('', `<sub>${mdText(`${report.classifier.name} classifier ${report.classifier.version} · ${server.source}: ${server.target}`)}</sub>`);
  return `${out.join('\n')}\n`;
}

function annotationCell(t: ToolReport): string {
  const parts: string[] = [];
  for (const p of t.annotationProblems) {
    parts.push(p.kind === 'annotation_contradiction' ? `⚠️ contradiction (${p.hints.join(', ')})` : `missing ${p.hints.join(', ')}`);
  }
  return parts.length > 0 ? parts.join('<br>') : '✅';
}

function findingCell(t: ToolReport): string {
  if (t.findings.length === 0) return '–';
  return t.findings.map((f) => `${f.severity} ${f.kind}`).join('<br>');
}

function toolDetails(t: ToolReport): string[] {
  const problems = [...t.findings.map((f) => f.kind), ...t.annotationProblems.map((p) => p.kind)];
  const lines = ['<details>', `<summary>${htmlCode(t.name)}: ${[...new Set(problems)].join(', ')}</summary>`, ''];
  lines.push(`${t.category} · ${t.risk} · confidence ${t.confidence.toFixed(2)}: ${mdText(t.rationale)}`, '');
  for (const f of t.findings) {
    lines.push(`- **${f.severity}** ${f.kind}: ${mdText(f.message)}${f.excerpt === undefined ? '' : `: ${mdCode(f.excerpt)}`}`);
  }
  for (const p of t.annotationProblems) lines.push(`- **${p.severity}** ${p.kind}: ${mdText(p.message)}`);
  lines.push('', '| Hint | Declared | Inferred |', '|---|---|---|');
  for (const h of t.hints) lines.push(`| ${h.hint} | ${h.declared === undefined ? '–' : String(h.declared)} | ${h.inferred}${h.status === 'differs' ? ' ⚠️' : ''} |`);
  lines.push('', 'Suggested annotations:', '', '```json', annotationsJson(t.suggestedAnnotations, 2), '```', '', '</details>');
  return lines;
}
