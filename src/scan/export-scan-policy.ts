// `scan --export FORMAT`: the whole-server policy the Policies module recommends for the scanned
// tools, in a client's format and keyed by the name the user gave the server in that client
// (--alias), or by the sanitised short server name that client would accept.
import { resolveAlias } from '../policy/alias.ts';
import { buildPolicy } from '../policy/build-policy.ts';
import { EXPORT_FORMATS, exportPolicy, type FormatName } from '../policy/formats/index.ts';
import type { Policy } from '../policy/policy-schema.ts';
import type { ScanReport } from './scan-report.ts';

// One policy per report however many formats are exported from it (the bench exports all five).
const policies = new WeakMap<ScanReport, Policy>();

export function scanPolicy(report: ScanReport): Policy {
  const cached = policies.get(report);
  if (cached !== undefined) return cached;
  const policy = buildPolicy(
    report.tools.map((t) => ({
      name: t.name,
      // The classifier's findings as the index stores them, contradictions included: scan and index
      // recommend the same policy for the same tool.
      classification: { category: t.category, risk: t.risk, findings: [...t.findings, ...contradictionFindings(t)] },
    })),
  );
  policies.set(report, policy);
  return policy;
}

export function exportScanPolicy(report: ScanReport, format: FormatName, alias?: string): { alias: string; text: string } {
  const client = EXPORT_FORMATS[format].aliasClient;
  const key = client === undefined ? (alias ?? report.server.name) : resolveAlias({ serverName: report.server.name, alias, client });
  const text = exportPolicy(format, { alias: key, policy: scanPolicy(report) });
  return { alias: key, text: text.endsWith('\n') ? text : `${text}\n` };
}

function contradictionFindings(t: ScanReport['tools'][number]) {
  return t.annotationProblems
    .filter((p) => p.kind === 'annotation_contradiction')
    .map((p) => ({ kind: p.kind, severity: p.severity, message: p.message }));
}
