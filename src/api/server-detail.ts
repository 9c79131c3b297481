// GET /v1/servers/{id}: one server, how its last crawl went, its current tools with labels, and the
// whole-server policy (default deny, every classified tool with its recommendation).
import type { Db } from '../db/connect.ts';
import { listCatalogTools } from '../db/catalog-repo.ts';
import { getServer, listServerIds } from '../db/servers-repo.ts';
import { latestSnapshots } from '../db/snapshots-repo.ts';
import { McpRiskError } from '../errors.ts';
import { buildPolicy } from '../policy/build-policy.ts';
import type { Policy } from '../policy/policy-schema.ts';
import type { RecommendationRule } from '../policy/recommend-rules.ts';
import { DEFAULT_RULES } from '../policy/recommend-rules.ts';
import { closeMatches } from '../suggest.ts';
import type { ClassifierInfo, ToolAnnotations } from '../types.ts';
import { toolMatch, type ToolMatch } from './tool-matches.ts';

export interface ServerDetail {
  server: {
    id: string;
    name: string;
    description: string | null;
    source: string;
    domain: string | null;
    npmPackage: string | null;
    remoteUrl: string | null;
    repository: string | null;
    version: string | null;
    firstSeenAt: string;
    updatedAt: string;
  };
  lastCrawl: {
    status: string;
    error: string | null;
    startedAt: string;
    finishedAt: string;
    toolCount: number;
    serverVersion: string | null;
    protocolVersion: string | null;
  } | null;
  tools: (ToolMatch & { description: string | null; annotations: ToolAnnotations | null })[];
  /** Tools in the catalog the classifier has not labelled yet: the policy's default (deny) covers them. */
  unclassified: string[];
  policy: Policy;
}

export async function serverDetail(
  db: Db,
  classifier: ClassifierInfo,
  id: string,
  rules: readonly RecommendationRule[] = DEFAULT_RULES,
): Promise<ServerDetail> {
  const row = await getServer(db, id);
  if (!row) {
    // Suggestions read every id; this is the error path only, never the look-up path.
    const suggestions = closeMatches(id, await listServerIds(db));
    throw new McpRiskError('UNKNOWN_SERVER', `no server with id "${id}" in the catalog`, {
      hint: suggestions.length > 0 ? `did you mean: ${suggestions.join(', ')}?` : 'run `mcp-risk tools` to see every server',
    });
  }
  const [crawl] = await latestSnapshots(db, id, 1);
  const catalog = await listCatalogTools(db, { classifier, serverId: id });
  const classified = catalog.flatMap((t) => (t.label ? [{ name: t.tool.name, classification: t.label }] : []));
  return {
    server: {
      id: row.id,
      name: row.name,
      description: row.description,
      source: row.source,
      domain: row.domain,
      npmPackage: row.npmPackage,
      remoteUrl: row.remoteUrl,
      repository: row.repository,
      version: row.version,
      firstSeenAt: row.firstSeenAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    },
    lastCrawl: crawl
      ? {
          status: crawl.status,
          error: crawl.error,
          startedAt: crawl.startedAt.toISOString(),
          finishedAt: crawl.finishedAt.toISOString(),
          toolCount: crawl.toolCount,
          serverVersion: crawl.serverVersion,
          protocolVersion: crawl.protocolVersion,
        }
      : null,
    tools: catalog.map((t) => ({
      ...toolMatch(t),
      description: t.tool.description ?? null,
      annotations: t.tool.annotations ?? null,
    })),
    unclassified: catalog.filter((t) => !t.label).map((t) => t.tool.name),
    policy: buildPolicy(classified, rules),
  };
}
