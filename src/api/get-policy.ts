// The policy look-up behind GET /v1/policy and the get_policy MCP tool, mirroring `mcp-risk policy`:
// a name several servers share is "ambiguous" unless the caller merges (most conservative policy).
import type { Db } from '../db/connect.ts';
import { resolveAlias } from '../policy/alias.ts';
import { EXPORT_FORMATS, exportPolicy, type FormatName } from '../policy/formats/index.ts';
import { findTool, mergedPolicy, policyForTool } from '../policy/lookup-policy.ts';
import type { Policy } from '../policy/policy-schema.ts';
import type { RecommendationRule } from '../policy/recommend-rules.ts';
import { DEFAULT_RULES } from '../policy/recommend-rules.ts';
import type { ClassifierInfo } from '../types.ts';
import { distinctServers, toolMatches, type ToolMatch } from './tool-matches.ts';

export interface PolicyRequest {
  tool: string;
  server?: string | undefined;
  format: FormatName;
  alias?: string | undefined;
  merge: boolean;
}

export type PolicyAnswer =
  | { kind: 'ambiguous'; tool: string; servers: string[]; matches: ToolMatch[] }
  | {
      kind: 'policy';
      tool: string;
      servers: string[];
      merged: boolean;
      matches: ToolMatch[];
      policy: Policy;
      format: FormatName;
      mediaType: string;
      fileName: string;
      /** The export's text, exactly what `mcp-risk policy --format` prints. */
      text: string;
    };

export async function getPolicy(
  db: Db,
  classifier: ClassifierInfo,
  request: PolicyRequest,
  rules: readonly RecommendationRule[] = DEFAULT_RULES,
): Promise<PolicyAnswer> {
  const { matches } = await findTool(db, classifier, request.tool, request.server);
  const servers = distinctServers(matches);
  const first = matches[0];
  // findTool throws UNKNOWN_TOOL rather than return no match; this only narrows the type.
  const tool = first?.tool.name ?? request.tool;
  if (first === undefined || (servers.length > 1 && !request.merge)) {
    return { kind: 'ambiguous', tool, servers, matches: toolMatches(matches) };
  }
  const merged = servers.length > 1;
  const policy = merged ? mergedPolicy(matches, rules) : policyForTool(first, rules);
  const format = EXPORT_FORMATS[request.format];
  // The same alias rule as the CLI: a merged policy is keyed by the tool name, one server's by its id.
  const serverName = merged ? first.tool.name : first.serverId;
  const alias = format.aliasClient
    ? resolveAlias({ serverName, alias: request.alias, client: format.aliasClient })
    : (request.alias ?? first.serverId);
  return {
    kind: 'policy',
    tool,
    servers,
    merged,
    matches: toolMatches(matches),
    policy,
    format: format.name,
    mediaType: format.mediaType,
    fileName: format.fileName,
    text: exportPolicy(format.name, { alias, policy }),
  };
}
