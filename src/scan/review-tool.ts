// One tool's verdict for a scan: the classification, the declared annotations set against the
// inferred ones, and the annotation problems a client would trip on. The classifier decides category,
// risk and contradictions; this module only arranges them, so scan and index never disagree.
import type { Classification, FindingSeverity, ToolAnnotations, ToolDefinition } from '../types.ts';
import { HINTS, type AnnotationProblem, type Hint, type HintComparison, type SuggestedAnnotations, type ToolReport } from './scan-report.ts';

export const CONTRADICTION_KIND = 'annotation_contradiction';

export function reviewTool(tool: ToolDefinition, classification: Classification): ToolReport {
  const declared: ToolAnnotations = { ...(tool.annotations ?? {}) };
  const suggested: SuggestedAnnotations = { ...classification.suggestedAnnotations };
  const hints: HintComparison[] = HINTS.map((hint) => {
    const value = declared[hint];
    const inferred = suggested[hint];
    return { hint, declared: value, inferred, status: value === undefined ? 'missing' : value === inferred ? 'agrees' : 'differs' };
  });
  const contradictions = classification.findings.filter((f) => f.kind === CONTRADICTION_KIND);
  const annotationProblems: AnnotationProblem[] = contradictions.map((f) => ({
    kind: 'annotation_contradiction',
    severity: f.severity,
    message: f.message,
    hints: [f.message.includes('destructiveHint') ? 'destructiveHint' : 'readOnlyHint'],
  }));
  const missing = missingHints(declared, suggested);
  if (missing.length > 0) {
    annotationProblems.push({
      kind: 'missing_annotations',
      severity: missingSeverity(classification),
      message: `Declares no ${missing.join(' and no ')}; clients then assume the spec defaults (not read-only, destructive)`,
      hints: missing,
    });
  }
  const report: ToolReport = {
    name: tool.name,
    category: classification.category,
    risk: classification.risk,
    confidence: classification.confidence,
    rationale: classification.rationale,
    ambiguous: classification.ambiguous === true,
    tags: [...classification.tags],
    findings: classification.findings.filter((f) => f.kind !== CONTRADICTION_KIND),
    declared,
    hints,
    annotationProblems,
    suggestedAnnotations: suggested,
  };
  if (tool.title !== undefined) report.title = tool.title;
  return report;
}

/**
 * The hints clients gate on: readOnlyHint always (Claude Code's plan mode and Codex's `writes` mode
 * read it), and destructiveHint for a tool that is not read-only, declared or inferred (Codex's
 * `auto` mode asks for destructive tools, and a missing destructiveHint means destructive by the
 * spec's default).
 */
export function missingHints(declared: ToolAnnotations, inferred: SuggestedAnnotations): Hint[] {
  const out: Hint[] = [];
  if (declared.readOnlyHint === undefined) out.push('readOnlyHint');
  // destructiveHint means something only for a tool that is not read-only, by its claim or ours.
  const readOnly = declared.readOnlyHint ?? inferred.readOnlyHint;
  if (!readOnly && declared.destructiveHint === undefined) out.push('destructiveHint');
  return out;
}

/**
 * A read tool without readOnlyHint is daily friction (plan mode refuses it, `writes` mode prompts
 * every call): medium. Elsewhere the spec's defaults are the safe side: low.
 */
function missingSeverity(classification: Classification): FindingSeverity {
  return classification.category === 'Read' ? 'medium' : 'low';
}

/** The suggested annotations as the JSON object an author pastes into the tool definition. */
export function annotationsJson(suggested: SuggestedAnnotations, indent?: number): string {
  const ordered = Object.fromEntries(HINTS.map((h) => [h, suggested[h]]));
  return JSON.stringify(ordered, null, indent);
}
