// The default scan output: a summary, the reasons for the grade, one row per tool, then one block
// per tool with its rationale, declared against inferred annotations, problems and the paste-ready fix.
// Colour only when asked (the CLI asks when stdout is a TTY that has colours and NO_COLOR is unset).
import type { Risk } from '../types.ts';
import { annotationsJson } from './review-tool.ts';
import type { Grade, ScanReport, ToolReport } from './scan-report.ts';
import { visibleText } from './visible-text.ts';

type Paint = (text: string, colour: keyof typeof SGR) => string;
const SGR = { red: 31, green: 32, yellow: 33, blue: 34, bold: 1, dim: 2 } as const;

const GRADE_COLOUR: Record<Grade, keyof typeof SGR> = { A: 'green', B: 'green', C: 'yellow', D: 'red', F: 'red' };
const RISK_COLOUR: Record<Risk, keyof typeof SGR> = { Low: 'green', Medium: 'yellow', High: 'red', Critical: 'red' };
const SEVERITY_COLOUR = { low: 'dim', medium: 'yellow', high: 'red', critical: 'red' } as const;
const MAX_NAME = 40;

export function renderScanTable(report: ScanReport, options: { colour?: boolean } = {}): string {
  const paint: Paint = options.colour === true ? (text, c) => `\u001b[${SGR[c]}m${text}\u001b[0m` : (text) => text;
  const { server, summary } = report;
  const out: string[] = [];
  const version = server.version === undefined ? '' : ` ${visibleText(server.version)}`;
  out.push(`${paint(visibleText(server.name), 'bold')}${version}  (${server.source}: ${visibleText(server.target)})`);
  const legs = summary.trifecta.legs.filter((l) => l.tools.length > 0).length;
  out.push(
    `Grade ${paint(report.grade, GRADE_COLOUR[report.grade])} · ${summary.tools} tools` +
      (summary.dropped > 0 ? ` (${summary.dropped} malformed, dropped)` : '') +
      ` · annotation coverage ${Math.round(summary.annotationCoverage * 100)} % · ${summary.contradictions} contradiction${summary.contradictions === 1 ? '' : 's'}` +
      ` · ${summary.findings} finding${summary.findings === 1 ? '' : 's'} · lethal trifecta ${legs}/3 legs`,
  );
  out.push('');
  if (report.reasons.length === 0) out.push('Why A: no High or Critical tool, no finding, no contradiction, every tool annotated.');
  else {
    out.push(`Why ${report.grade}:`);
    for (const r of report.reasons) out.push(`  ${paint(r.cap, GRADE_COLOUR[r.cap])}  ${r.rule.padEnd(22)} ${visibleText(r.message)}: ${toolList(r.tools)}`);
  }
  out.push('');
  out.push(...toolTable(report.tools, paint));
  for (const d of report.dropped) out.push(paint(`dropped tool #${d.index}${d.name === undefined ? '' : ` ${visibleText(d.name)}`}: ${visibleText(d.reason)}`, 'dim'));
  for (const tool of report.tools) out.push('', ...toolBlock(tool, paint));
  return `${out.join('\n')}\n`;
}

function toolTable(tools: readonly ToolReport[], paint: Paint): string[] {
  const names = tools.map((t) => clip(visibleText(t.name)));
  const width = Math.max(4, ...names.map((n) => n.length));
  const rows = [paint(`${'TOOL'.padEnd(width)}  CATEGORY  RISK      CONF  ANNOTATIONS            FINDINGS`, 'bold')];
  tools.forEach((t, i) => {
    const risk = paint(t.risk.padEnd(8), RISK_COLOUR[t.risk]);
    rows.push(`${(names[i] ?? '').padEnd(width)}  ${t.category.padEnd(8)}  ${risk}  ${t.confidence.toFixed(2)}  ${annotationStatus(t, paint)}  ${findingStatus(t, paint)}`);
  });
  return rows;
}

function annotationStatus(t: ToolReport, paint: Paint): string {
  const contradiction = t.annotationProblems.find((p) => p.kind === 'annotation_contradiction');
  if (contradiction !== undefined) return paint('CONTRADICTION'.padEnd(21), 'red');
  const missing = t.annotationProblems.find((p) => p.kind === 'missing_annotations');
  if (missing !== undefined) return paint(`missing ${missing.hints.length === 2 ? 'readOnly+destr.' : (missing.hints[0] ?? '')}`.padEnd(21), 'yellow');
  return 'ok'.padEnd(21);
}

function findingStatus(t: ToolReport, paint: Paint): string {
  if (t.findings.length === 0) return '-';
  const worst = t.findings[0];
  const text = [...new Set(t.findings.map((f) => f.kind))].join(', ');
  return worst === undefined ? text : paint(text, SEVERITY_COLOUR[worst.severity]);
}

function toolBlock(t: ToolReport, paint: Paint): string[] {
  const lines = [`${paint(`■ ${visibleText(t.name)}`, 'bold')}  ${t.category} · ${paint(t.risk, RISK_COLOUR[t.risk])} · confidence ${t.confidence.toFixed(2)}${t.ambiguous ? ' · ambiguous' : ''}${t.tags.length > 0 ? ` · ${t.tags.join(', ')}` : ''}`];
  lines.push(`  ${visibleText(t.rationale)}`);
  const hints = t.hints.map((h) => {
    const declared = h.declared === undefined ? '-' : String(h.declared);
    const mark = h.status === 'agrees' ? '' : h.status === 'missing' ? ' (missing)' : paint(' (differs)', 'yellow');
    return `${h.hint} ${declared}→${h.inferred}${mark}`;
  });
  lines.push(`  annotations declared→inferred: ${hints.join(' · ')}`);
  for (const f of t.findings) {
    lines.push(`  ${paint(f.severity.toUpperCase().padEnd(8), SEVERITY_COLOUR[f.severity])} ${f.kind}: ${visibleText(f.message)}`);
    if (f.excerpt !== undefined) lines.push(paint(`           “${visibleText(f.excerpt)}”`, 'dim'));
  }
  for (const p of t.annotationProblems) {
    lines.push(`  ${paint(p.severity.toUpperCase().padEnd(8), SEVERITY_COLOUR[p.severity])} ${p.kind}: ${visibleText(p.message)}`);
  }
  if (t.annotationProblems.length > 0 || t.hints.some((h) => h.status === 'differs')) {
    lines.push(`  suggested annotations: ${annotationsJson(t.suggestedAnnotations)}`);
  }
  return lines;
}

function toolList(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((n) => clip(visibleText(n))).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

function clip(name: string): string {
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
}
