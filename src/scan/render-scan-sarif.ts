// The scan as SARIF 2.1.0 for CI (GitHub code scanning and others), built with node-sarif-builder:
// one rule per hostile-finding kind and per annotation problem, one result per problem, the tool
// located by a logical location (server/tool, kind "function") and, when there is a file to point at
// (--sarif-location, the --tools file, the server script), a physical one for code-scanning UIs.
import { createHash } from 'node:crypto';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Location, ReportingDescriptor, Result } from 'sarif';
import type { FindingSeverity } from '../types.ts';
import { annotationsJson } from './review-tool.ts';
import type { ScanReport, ToolReport } from './scan-report.ts';
import { annotationRule, annotationRuleId, hostileRule, hostileRuleId } from './sarif-rules.ts';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const TOOL_VERSION = '0.1.0';

const LEVEL: Record<FindingSeverity, Result.level> = { low: 'note', medium: 'warning', high: 'error', critical: 'error' };

export interface SarifOptions {
  /**
   * The file every result is attached to (a repository-relative path), because GitHub code scanning
   * rejects results without a physical location. Default: the --tools file, if that is the source.
   */
  artifactPath?: string | undefined;
}

export function renderScanSarif(report: ScanReport, options: SarifOptions = {}): string {
  const artifact = options.artifactPath ?? (report.server.source === 'tools-file' ? report.server.target : undefined);
  const run = new SarifRunBuilder({
    tool: { driver: { name: 'mcp-risk', version: TOOL_VERSION, semanticVersion: TOOL_VERSION, rules: [] } },
    properties: { server: report.server.name, source: report.server.source, grade: report.grade, reasons: report.reasons.map((r) => `${r.cap} ${r.rule}: ${r.message}`) },
  });
  const rules = new Map<string, ReportingDescriptor>();
  const results: Result[] = [];
  for (const tool of report.tools) {
    const location = locationOf(report, tool, artifact);
    for (const f of tool.findings) {
      const ruleId = hostileRuleId(f.kind);
      if (!rules.has(ruleId)) rules.set(ruleId, hostileRule(f.kind));
      const excerpt = f.excerpt === undefined ? '' : ` Excerpt: ${f.excerpt}`;
      results.push(result(ruleId, f.severity, `${tool.name}: ${f.message}.${excerpt}`, location, tool, report));
    }
    for (const p of tool.annotationProblems) {
      const ruleId = annotationRuleId(p.kind);
      if (!rules.has(ruleId)) rules.set(ruleId, annotationRule(p.kind));
      const fix = `Suggested annotations: ${annotationsJson(tool.suggestedAnnotations)}`;
      results.push(result(ruleId, p.severity, `${tool.name}: ${p.message}. ${fix}`, location, tool, report));
    }
  }
  // Rules in a stable order, so a rerun writes the same file and ruleIndex stays put.
  for (const id of [...rules.keys()].sort()) run.addRule(new SarifRuleBuilder(rules.get(id)));
  for (const r of results) run.addResult(new SarifResultBuilder(r));
  const builder = new SarifBuilder({ $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [] });
  builder.addRun(run);
  return `${builder.buildSarifJsonString({ indent: true })}\n`;
}

function result(ruleId: string, severity: FindingSeverity, text: string, location: Location, tool: ToolReport, report: ScanReport): Result {
  return {
    ruleId,
    level: LEVEL[severity],
    message: { text },
    locations: [location],
    // Lets code scanning follow a result across runs: same server, tool, rule and text.
    partialFingerprints: { 'mcpRiskResult/v1': createHash('sha256').update(JSON.stringify([report.server.name, tool.name, ruleId, text])).digest('hex').slice(0, 32) },
    properties: {
      severity,
      category: tool.category,
      risk: tool.risk,
      confidence: tool.confidence,
      suggestedAnnotations: { ...tool.suggestedAnnotations },
    },
  };
}

function locationOf(report: ScanReport, tool: ToolReport, artifact: string | undefined): Location {
  const location: Location = {
    logicalLocations: [{ name: tool.name, fullyQualifiedName: `${report.server.name}/${tool.name}`, kind: 'function' }],
  };
  if (artifact !== undefined) location.physicalLocation = { artifactLocation: { uri: fileUri(artifact) } };
  return location;
}

/** A relative or absolute file path as a URI reference (forward slashes, percent-encoded). */
function fileUri(file: string): string {
  const posix = file.replace(/\\/g, '/');
  const encoded = posix.split('/').map(encodeURIComponent).join('/');
  return posix.startsWith('/') ? `file://${encoded}` : encoded;
}
