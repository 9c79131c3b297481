// "What policy should guard tool X?": find a tool in the catalog by the name a user has at hand —
// bare (`delete_file`), server-qualified (`filesystem/delete_file`) or as a client shows it
// (`mcp__filesystem__delete_file`) — and build its recommended policy.
import { findCatalogMatches, listCatalogToolNames, type CatalogMatch } from '../db/catalog-repo.ts';
import type { Db } from '../db/connect.ts';
import { McpRiskError } from '../errors.ts';
import { closeMatches } from '../suggest.ts';
import type { ClassifierInfo } from '../types.ts';
import { buildPolicy, mergePolicies } from './build-policy.ts';
import type { Policy } from './policy-schema.ts';
import type { RecommendationRule } from './recommend-rules.ts';
import { DEFAULT_RULES } from './recommend-rules.ts';

export interface ToolReference {
  tool: string;
  server?: string;
}

/** Split the forms a user may type into a server (if any) and a tool name. */
export function parseToolReference(input: string, server?: string): ToolReference {
  const clientForm = /^mcp__(.+?)__(.+)$/.exec(input);
  if (clientForm?.[1] && clientForm[2]) return { server: server ?? clientForm[1], tool: clientForm[2] };
  const slash = input.indexOf('/');
  if (slash > 0 && slash < input.length - 1) return { server: server ?? input.slice(0, slash), tool: input.slice(slash + 1) };
  return server === undefined ? { tool: input } : { tool: input, server };
}

export interface PolicyLookup {
  reference: ToolReference;
  /** Every current tool of that name (on the given server, when one was named). */
  matches: CatalogMatch[];
}

export async function findTool(db: Db, classifier: ClassifierInfo, input: string, server?: string): Promise<PolicyLookup> {
  let reference = parseToolReference(input, server);
  let matches = await findCatalogMatches(db, { classifier, toolName: reference.tool, serverId: reference.server });
  // A bare name with a slash may simply be a tool whose name has one.
  if (matches.length === 0 && reference.server !== undefined && server === undefined && !input.startsWith('mcp__')) {
    const whole = await findCatalogMatches(db, { classifier, toolName: input });
    if (whole.length > 0) {
      reference = { tool: input };
      matches = whole;
    }
  }
  if (matches.length === 0) {
    const names = await listCatalogToolNames(db);
    const suggestions = closeMatches(reference.tool, names);
    const where = reference.server !== undefined ? ` on server "${reference.server}"` : '';
    throw new McpRiskError('UNKNOWN_TOOL', `no tool named "${reference.tool}"${where} in the catalog`, {
      hint: suggestions.length > 0 ? `did you mean: ${suggestions.join(', ')}?` : 'run `mcp-risk tools` to see the catalog',
    });
  }
  return { reference, matches };
}

/** The policy for one catalog tool: `default: deny`, the tool with its recommendation. */
export function policyForTool(match: CatalogMatch, rules: readonly RecommendationRule[] = DEFAULT_RULES): Policy {
  if (!match.label) {
    throw new McpRiskError('UNKNOWN_TOOL', `tool "${match.tool.name}" on server "${match.serverId}" has not been classified yet`, {
      hint: 'run `mcp-risk index` again to classify it',
    });
  }
  return buildPolicy([{ name: match.tool.name, classification: match.label }], rules);
}

/** The most conservative policy over every server that has a tool of this name. */
export function mergedPolicy(matches: readonly CatalogMatch[], rules: readonly RecommendationRule[] = DEFAULT_RULES): Policy {
  return mergePolicies(matches.map((m) => policyForTool(m, rules)));
}
