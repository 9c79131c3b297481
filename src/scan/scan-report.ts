// The shape of one server's scan: what every output (table, JSON, Markdown, SARIF, exports) is
// rendered from. Built by build-scan-report.ts; pure data, so a rerun on the same tools is the same.
import type { Category, Finding, FindingSeverity, Risk, Tag, ToolAnnotations } from '../types.ts';

export const SCAN_REPORT_VERSION = '1';

export const GRADES = ['A', 'B', 'C', 'D', 'F'] as const;
export type Grade = (typeof GRADES)[number];

/** The four behaviour hints of the MCP spec that clients gate on. */
export const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;
export type Hint = (typeof HINTS)[number];
export type SuggestedAnnotations = Record<Hint, boolean>;

/** Where the tools came from, as the user named it. */
export type ScanSourceKind = 'command' | 'url' | 'npm' | 'tools-file';

export interface HintComparison {
  hint: Hint;
  declared: boolean | undefined;
  inferred: boolean;
  /** `missing`: not declared; `differs`: declared, and our inference says otherwise. */
  status: 'agrees' | 'differs' | 'missing';
}

export type AnnotationProblemKind = 'missing_annotations' | 'annotation_contradiction';

/** An annotation problem a SARIF rule reports; the fix is always the suggested annotations. */
export interface AnnotationProblem {
  kind: AnnotationProblemKind;
  severity: FindingSeverity;
  message: string;
  /** The hints it is about (the missing ones, or the contradicted one). */
  hints: Hint[];
}

export interface ToolReport {
  name: string;
  title?: string;
  category: Category;
  risk: Risk;
  confidence: number;
  rationale: string;
  ambiguous: boolean;
  tags: Tag[];
  /** Findings about the definition itself (hostile descriptions), not about its annotations. */
  findings: Finding[];
  declared: ToolAnnotations;
  hints: HintComparison[];
  /** Missing annotations and contradictions (the classifier's annotation findings). */
  annotationProblems: AnnotationProblem[];
  /** Paste-ready: the `annotations` object the tool should declare. */
  suggestedAnnotations: SuggestedAnnotations;
}

export interface GradeReason {
  /** A stable id from GRADE_RULES (grade-server.ts). */
  rule: string;
  /** The best grade this reason allows. */
  cap: Grade;
  message: string;
  tools: string[];
}

export interface TrifectaLeg {
  tag: 'reads-private-data' | 'ingests-untrusted-content' | 'public-sink';
  tools: string[];
}

export interface ScanSummary {
  tools: number;
  dropped: number;
  byCategory: Record<Category, number>;
  byRisk: Record<Risk, number>;
  /** Share (0–1) of tools that declare the hints clients gate on (see grade-server.ts). */
  annotationCoverage: number;
  contradictions: number;
  /** Hostile-description findings, all severities. */
  findings: number;
  trifecta: { complete: boolean; legs: TrifectaLeg[] };
}

export interface ScanReport {
  version: typeof SCAN_REPORT_VERSION;
  server: {
    name: string;
    version?: string;
    source: ScanSourceKind;
    /** The command, URL, package@version or file, as scanned. */
    target: string;
  };
  classifier: { name: string; version: string };
  grade: Grade;
  reasons: GradeReason[];
  summary: ScanSummary;
  tools: ToolReport[];
  dropped: { index: number; name?: string; reason: string }[];
}
