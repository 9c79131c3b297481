// Streams the catalog out of the database one server at a time, reading servers in keyset-paged
// batches, so building the site never holds more than one batch of servers in memory.
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { labelOf, listCatalogTools, type CatalogTool } from '../db/catalog-repo.ts';
import type { Db } from '../db/connect.ts';
import { classifications, crawlSnapshots, servers, snapshotTools, toolDefinitions } from '../db/schema.ts';
import { latestSnapshots, type SnapshotRow } from '../db/snapshots-repo.ts';
import type { Category, ClassifierInfo, Risk } from '../types.ts';
import type { QuickLabel } from '../../crawlers/diff-snapshots.ts';
import type { CrawlInfo, RelatedRef, ServerBundle, SiteServer, SiteTool } from './site-data.ts';
import { slug } from './site-paths.ts';
import { toolHistory } from './tool-history.ts';

export interface ReadSiteOptions {
  classifier: ClassifierInfo;
  /** Labels old and new definitions when diffing crawls (for change severities). */
  quickLabel: QuickLabel;
  /** Servers read per query. */
  batchSize?: number;
}

const MAX_SAME_NAME = 20;
const NAME_CHUNK = 500;
// Code-point order on every driver and collation, so both databases give the same site.
const idOrder = sql`${servers.id} collate "C"`;

export async function* readSiteData(db: Db, options: ReadSiteOptions): AsyncGenerator<ServerBundle> {
  const batchSize = options.batchSize ?? 50;
  let after: string | undefined;
  for (;;) {
    const batch = await db
      .select()
      .from(servers)
      .where(after === undefined ? undefined : sql`${servers.id} collate "C" > ${after}`)
      .orderBy(idOrder)
      .limit(batchSize);
    if (batch.length === 0) return;
    for (const row of batch) yield await readServer(db, row, options);
    after = batch[batch.length - 1]?.id;
    if (batch.length < batchSize) return;
  }
}

async function readServer(db: Db, row: typeof servers.$inferSelect, options: ReadSiteOptions): Promise<ServerBundle> {
  const [last] = await latestSnapshots(db, row.id, 1);
  let current: SnapshotRow | undefined;
  if (row.latestSnapshotId !== null) {
    current = last?.id === row.latestSnapshotId ? last : (await db.select().from(crawlSnapshots).where(eq(crawlSnapshots.id, row.latestSnapshotId)))[0];
  }
  const serverSlug = slug(row.id);
  const server: SiteServer = {
    id: row.id,
    slug: serverSlug,
    name: row.name,
    description: row.description,
    source: row.source,
    domain: row.domain,
    npmPackage: row.npmPackage,
    remoteUrl: row.remoteUrl,
    repository: row.repository,
    version: row.version,
    launch: row.launch,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastCrawl: last === undefined ? null : crawlInfo(last),
    currentCrawl: current === undefined ? null : crawlInfo(current),
  };
  if (row.latestSnapshotId === null) return { server, tools: [] };

  const catalog = await listCatalogTools(db, { classifier: options.classifier, serverId: row.id });
  const history = await toolHistory(db, row.id, options.quickLabel);
  const related = await sameNameElsewhere(db, row.id, [...new Set(catalog.map((t) => t.tool.name))], options.classifier);
  const seen = new Map<string, number>();
  const tools = catalog.map((entry: CatalogTool, position): SiteTool => {
    const name = entry.tool.name;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    const refs = related.get(name) ?? [];
    return {
      serverId: row.id,
      serverSlug,
      // A server that lists one name twice gets a second, distinct page.
      slug: n === 1 ? slug(name) : slug(`${name}#${n}`),
      position,
      definitionHash: entry.definitionHash,
      tool: entry.tool,
      label: entry.label,
      firstSeenAt: history.firstSeenAt.get(name) ?? null,
      history: history.entries.get(name) ?? [],
      sameName: refs.slice(0, MAX_SAME_NAME),
      sameNameTotal: refs.length,
    };
  });
  return { server, tools };
}

function crawlInfo(s: SnapshotRow): CrawlInfo {
  return {
    snapshotId: s.id,
    status: s.status,
    error: s.error,
    finishedAt: s.finishedAt.toISOString(),
    serverVersion: s.serverVersion,
    protocolVersion: s.protocolVersion,
    toolCount: s.toolCount,
  };
}

/** For each name, the current tools of that name on other servers, in server order. */
async function sameNameElsewhere(db: Db, serverId: string, names: string[], classifier: ClassifierInfo): Promise<Map<string, RelatedRef[]>> {
  const out = new Map<string, RelatedRef[]>();
  for (let i = 0; i < names.length; i += NAME_CHUNK) {
    const rows = await db
      .select({ serverId: servers.id, name: toolDefinitions.name, category: classifications.category, risk: classifications.risk })
      .from(servers)
      .innerJoin(snapshotTools, eq(snapshotTools.snapshotId, servers.latestSnapshotId))
      .innerJoin(toolDefinitions, eq(toolDefinitions.definitionHash, snapshotTools.definitionHash))
      .leftJoin(classifications, labelOf(toolDefinitions.definitionHash, classifier))
      .where(and(inArray(toolDefinitions.name, names.slice(i, i + NAME_CHUNK)), ne(servers.id, serverId)))
      .orderBy(idOrder, asc(snapshotTools.position));
    for (const r of rows) {
      const list = out.get(r.name) ?? [];
      // Rows come in server order, so a repeat of the name on one server follows its first: keep the
      // first, the one its page slug points at.
      if (list[list.length - 1]?.serverId === r.serverId) continue;
      list.push({
        serverId: r.serverId,
        serverSlug: slug(r.serverId),
        toolName: r.name,
        toolSlug: slug(r.name),
        category: r.category as Category | null,
        risk: r.risk as Risk | null,
      });
      out.set(r.name, list);
    }
  }
  return out;
}
