// Read side of the catalog: each server's current tools (from its newest successful crawl) with
// their labels.
import { and, asc, eq, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Category, ClassifierInfo, Evidence, Finding, Risk, Tag, ToolAnnotations, ToolDefinition } from '../types.ts';
import type { Db } from './connect.ts';
import { classifications, crawlSnapshots, servers, snapshotTools, toolDefinitions } from './schema.ts';

export interface CatalogTool {
  serverId: string;
  serverName: string;
  serverDomain: string | null;
  definitionHash: string;
  tool: ToolDefinition;
  label: CatalogLabel | null;
}

export interface CatalogLabel {
  category: Category;
  risk: Risk;
  confidence: number;
  rationale: string;
  tags: Tag[];
  findings: Finding[];
  suggestedAnnotations: Record<string, boolean>;
  evidence: Evidence[];
}

/** What a look-up by tool name needs of each match: who has it and its label, not its schema or evidence. */
export interface CatalogMatch {
  serverId: string;
  serverName: string;
  tool: { name: string; title?: string };
  label: MatchLabel | null;
}

export type MatchLabel = Pick<CatalogLabel, 'category' | 'risk' | 'confidence' | 'rationale' | 'tags' | 'findings'>;

export interface CatalogQuery {
  classifier: ClassifierInfo;
  serverId?: string | undefined;
  toolName?: string | undefined;
}

export async function listCatalogTools(db: Db, query: CatalogQuery): Promise<CatalogTool[]> {
  const filters: SQL[] = [isNotNull(servers.latestSnapshotId)];
  if (query.serverId !== undefined) filters.push(eq(servers.id, query.serverId));
  if (query.toolName !== undefined) filters.push(eq(toolDefinitions.name, query.toolName));
  const rows = await db
    .select({
      serverId: servers.id,
      serverName: servers.name,
      serverDomain: servers.domain,
      def: toolDefinitions,
      label: classifications,
    })
    .from(servers)
    // Through crawl_snapshots so a look-up by tool name can reach each server by primary key
    // (name → snapshot tool → snapshot → server) instead of scanning servers for latest_snapshot_id.
    .innerJoin(crawlSnapshots, and(eq(crawlSnapshots.id, servers.latestSnapshotId), eq(crawlSnapshots.serverId, servers.id)))
    .innerJoin(snapshotTools, eq(snapshotTools.snapshotId, crawlSnapshots.id))
    .innerJoin(toolDefinitions, eq(toolDefinitions.definitionHash, snapshotTools.definitionHash))
    .leftJoin(classifications, labelOf(toolDefinitions.definitionHash, query.classifier))
    .where(and(...filters))
    .orderBy(asc(servers.id), asc(snapshotTools.position))
    // A named statement: PostgreSQL plans this five-table join once per connection, not per look-up
    // (planning costs more than running it). The values stay bound parameters.
    .prepare('list_catalog_tools')
    .execute();
  return rows.map((r) => ({
    serverId: r.serverId,
    serverName: r.serverName,
    serverDomain: r.serverDomain,
    definitionHash: r.def.definitionHash,
    tool: toToolDefinition(r.def),
    label: r.label
      ? {
          category: r.label.category as Category,
          risk: r.label.risk as Risk,
          confidence: r.label.confidence,
          rationale: r.label.rationale,
          tags: r.label.tags,
          findings: r.label.findings,
          suggestedAnnotations: r.label.suggestedAnnotations,
          evidence: r.label.evidence,
        }
      : null,
  }));
}

/**
 * Every current tool of one name, optionally on one server (its id as typed: `-` and `_` are
 * interchangeable, as clients rewrite one into the other). Reads only the columns a look-up answers
 * with, so a look-up never parses a schema or an evidence list it would throw away.
 */
export async function findCatalogMatches(db: Db, query: { classifier: ClassifierInfo; toolName: string; serverId?: string | undefined }): Promise<CatalogMatch[]> {
  const statements = matchStatements(db);
  const values = { toolName: query.toolName, classifier: query.classifier.name, classifierVersion: query.classifier.version };
  const rows =
    query.serverId === undefined
      ? await statements.byName.execute(values)
      : await statements.onServer.execute({ ...values, serverId: query.serverId, serverKey: query.serverId.replace(/-/g, '_') });
  return rows.map((r) => {
    const tool: CatalogMatch['tool'] = { name: r.name };
    if (r.title !== null) tool.title = r.title;
    const label =
      r.category === null || r.risk === null || r.confidence === null || r.rationale === null || r.tags === null || r.findings === null
        ? null
        : { category: r.category as Category, risk: r.risk as Risk, confidence: r.confidence, rationale: r.rationale, tags: r.tags, findings: r.findings };
    return { serverId: r.serverId, serverName: r.serverName, tool, label };
  });
}

/**
 * The look-up's two statements, built once per database with placeholders: a look-up then only binds
 * values. Building the query per call cost more than PostgreSQL spends running it, and its garbage
 * made the slowest look-ups several times slower than the median.
 */
function buildMatchStatements(db: Db) {
  const select = (onServer: boolean) => {
    const filters: (SQL | undefined)[] = [isNotNull(servers.latestSnapshotId), eq(toolDefinitions.name, sql.placeholder('toolName'))];
    if (onServer) filters.push(or(eq(servers.id, sql.placeholder('serverId')), eq(sql`replace(${servers.id}, '-', '_')`, sql.placeholder('serverKey'))));
    return (
      db
        .select({
          serverId: servers.id,
          serverName: servers.name,
          name: toolDefinitions.name,
          title: toolDefinitions.title,
          category: classifications.category,
          risk: classifications.risk,
          confidence: classifications.confidence,
          rationale: classifications.rationale,
          tags: classifications.tags,
          findings: classifications.findings,
        })
        .from(servers)
        .innerJoin(crawlSnapshots, and(eq(crawlSnapshots.id, servers.latestSnapshotId), eq(crawlSnapshots.serverId, servers.id)))
        .innerJoin(snapshotTools, eq(snapshotTools.snapshotId, crawlSnapshots.id))
        .innerJoin(toolDefinitions, eq(toolDefinitions.definitionHash, snapshotTools.definitionHash))
        // labelOf with placeholders for the classifier, so one statement serves every classifier.
        .leftJoin(
          classifications,
          and(
            eq(classifications.definitionHash, toolDefinitions.definitionHash),
            eq(classifications.contextHash, servers.contextHash),
            eq(classifications.classifier, sql.placeholder('classifier')),
            eq(classifications.classifierVersion, sql.placeholder('classifierVersion')),
          ),
        )
        .where(and(...filters))
        .orderBy(asc(servers.id), asc(snapshotTools.position))
        // Named, so postgres.js prepares it on each connection: planning this join costs more than running it.
        .prepare(onServer ? 'find_catalog_matches_on_server' : 'find_catalog_matches')
    );
  };
  return { byName: select(false), onServer: select(true) };
}

const matchStatementsByDb = new WeakMap<Db, ReturnType<typeof buildMatchStatements>>();

function matchStatements(db: Db): ReturnType<typeof buildMatchStatements> {
  let statements = matchStatementsByDb.get(db);
  if (statements === undefined) {
    statements = buildMatchStatements(db);
    matchStatementsByDb.set(db, statements);
  }
  return statements;
}

/** Every distinct tool name in the current catalog, for "did you mean" suggestions. */
export async function listCatalogToolNames(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ name: toolDefinitions.name })
    .from(servers)
    .innerJoin(snapshotTools, eq(snapshotTools.snapshotId, servers.latestSnapshotId))
    .innerJoin(toolDefinitions, eq(toolDefinitions.definitionHash, snapshotTools.definitionHash))
    .orderBy(asc(toolDefinitions.name));
  return rows.map((r) => r.name);
}

/**
 * The join condition from a tool definition (by its hash column) on a server (`servers` in the query)
 * to its label by one classifier version: labels are keyed by definition, server context and version.
 */
export function labelOf(definitionHash: AnyPgColumn, classifier: ClassifierInfo): SQL | undefined {
  return and(
    eq(classifications.definitionHash, definitionHash),
    eq(classifications.contextHash, servers.contextHash),
    eq(classifications.classifier, classifier.name),
    eq(classifications.classifierVersion, classifier.version),
  );
}

export function toToolDefinition(row: typeof toolDefinitions.$inferSelect): ToolDefinition {
  const tool: ToolDefinition = { name: row.name };
  if (row.title !== null) tool.title = row.title;
  if (row.description !== null) tool.description = row.description;
  if (row.inputSchema !== null) tool.inputSchema = row.inputSchema;
  if (row.outputSchema !== null) tool.outputSchema = row.outputSchema;
  if (row.annotations !== null) tool.annotations = row.annotations as ToolAnnotations;
  return tool;
}
