// Classify every tool of one server, review its annotations and grade the server: the report every
// scan output is rendered from. The classifier is the same one `index` uses (rules by default).
import { CATEGORIES, RISKS, type Classification, type Classifier, type DroppedTool, type ServerContext, type ToolDefinition } from '../types.ts';
import { compareStrings } from '../policy/stable-json.ts';
import { annotationCoverage, gradeServer, trifectaLegs } from './grade-server.ts';
import { reviewTool } from './review-tool.ts';
import { SCAN_REPORT_VERSION, type ScanReport, type ScanSourceKind, type ToolReport } from './scan-report.ts';

export interface ScannedServer {
  name: string;
  version?: string | undefined;
  description?: string | undefined;
  source: ScanSourceKind;
  target: string;
  tools: readonly ToolDefinition[];
  dropped: readonly DroppedTool[];
}

/** Classifications in flight at once for an asynchronous (LLM) classifier, which queues on its own. */
const WINDOW = 64;

export async function buildScanReport(server: ScannedServer, classifier: Classifier): Promise<ScanReport> {
  const context: ServerContext = server.description === undefined ? { name: server.name } : { name: server.name, description: server.description };
  const tools = [...server.tools].sort((a, b) => compareStrings(a.name, b.name));
  const classifications = await classifyAll(classifier, tools, context);
  const reports: ToolReport[] = tools.map((tool, i) => reviewTool(tool, classifications[i] as Classification));
  const { grade, reasons } = gradeServer(reports);
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, reports.filter((t) => t.category === c).length])) as ScanReport['summary']['byCategory'];
  const byRisk = Object.fromEntries(RISKS.map((r) => [r, reports.filter((t) => t.risk === r).length])) as ScanReport['summary']['byRisk'];
  const report: ScanReport = {
    version: SCAN_REPORT_VERSION,
    server: { name: server.name, source: server.source, target: server.target },
    classifier: { name: classifier.info.name, version: classifier.info.version },
    grade,
    reasons,
    summary: {
      tools: reports.length,
      dropped: server.dropped.length,
      byCategory,
      byRisk,
      annotationCoverage: Math.round(annotationCoverage(reports) * 1000) / 1000,
      contradictions: reports.reduce((n, t) => n + t.annotationProblems.filter((p) => p.kind === 'annotation_contradiction').length, 0),
      findings: reports.reduce((n, t) => n + t.findings.length, 0),
      trifecta: trifectaLegs(reports),
    },
    tools: reports,
    dropped: server.dropped.map((d) => ({ ...d })),
  };
  if (server.version !== undefined) report.server.version = server.version;
  return report;
}

async function classifyAll(classifier: Classifier, tools: readonly ToolDefinition[], context: ServerContext): Promise<Classification[]> {
  const out: Classification[] = [];
  for (let start = 0; start < tools.length; start += WINDOW) {
    const batch = tools.slice(start, start + WINDOW).map((tool) => classifier.classify(tool, context));
    // The rules classifier answers synchronously: no promise round trip per tool for it.
    out.push(...(batch.every((c) => !(c instanceof Promise)) ? (batch as Classification[]) : await Promise.all(batch)));
  }
  return out;
}
