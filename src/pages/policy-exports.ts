// The recommended policy of a tool or a whole server, rendered in every export format the CLI offers,
// keyed by the alias a user would most likely give the server (the same guess `mcp-risk policy` makes).
import { buildPolicy, type ClassifiedTool } from '../policy/build-policy.ts';
import { resolveAlias } from '../policy/alias.ts';
import { EXPORT_FORMATS, FORMAT_NAMES, exportPolicy, type FormatName } from '../policy/formats/index.ts';
import type { Policy } from '../policy/policy-schema.ts';

export interface PolicyExport {
  format: FormatName;
  description: string;
  fileName: string;
  text: string;
}

export function policyExports(serverId: string, tools: readonly ClassifiedTool[]): { policy: Policy; exports: PolicyExport[] } {
  const policy = buildPolicy(tools);
  const exports = FORMAT_NAMES.map((format) => {
    const spec = EXPORT_FORMATS[format];
    const alias = spec.aliasClient === undefined ? serverId : resolveAlias({ serverName: serverId, client: spec.aliasClient });
    return { format, description: spec.description, fileName: spec.fileName, text: exportPolicy(format, { alias, policy }) };
  });
  return { policy, exports };
}
