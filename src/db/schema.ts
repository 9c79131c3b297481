// The one schema. drizzle-kit generates migrations/ from it; the same migrations run on PGlite and
// on PostgreSQL (src/db/connect.ts).
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { CrawlTimings, Evidence, Finding, PromptDefinition, ResourceDefinition, ServerLaunch, Tag, ToolAnnotations } from '../types.ts';

/** How to launch a server, as stored: the names of the credentials it needs, never their values. */
export type StoredLaunch = Omit<ServerLaunch, 'env' | 'headers'> & { envNames: string[]; headerNames?: string[] };

/** A server we know of. `id` is our stable identity (seed id or normalised catalog name). */
export const servers = pgTable('servers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  source: text('source').notNull(),
  domain: text('domain'),
  npmPackage: text('npm_package'),
  remoteUrl: text('remote_url'),
  repository: text('repository'),
  version: text('version'),
  /** How to launch it, without credential values (env holds variable names only). */
  /** Hash of what classifiers see of the server (name, description): part of a classification's key. */
  contextHash: text('context_hash').notNull(),
  launch: jsonb('launch').$type<StoredLaunch>().notNull(),
  /** The newest snapshot whose crawl succeeded: the tools the catalog shows for this server. */
  latestSnapshotId: bigint('latest_snapshot_id', { mode: 'number' }),
  firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One indexing run: `mcp-risk index`. */
export const runs = pgTable('runs', {
  id: text('id').primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** running | completed | interrupted | failed */
  status: text('status').notNull(),
  /** The server ids this run set out to crawl, so an interrupted run can be resumed. */
  serverIds: jsonb('server_ids').$type<string[]>().notNull(),
  options: jsonb('options').$type<Record<string, unknown>>().notNull(),
  counts: jsonb('counts').$type<Record<string, number>>().notNull().default(sql`'{}'::jsonb`),
});

/** Every crawl of a server is kept, so changes between crawls can be shown. */
export const crawlSnapshots = pgTable(
  'crawl_snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: text('run_id').references(() => runs.id),
    serverId: text('server_id')
      .notNull()
      .references(() => servers.id),
    status: text('status').notNull(),
    error: text('error'),
    stderrTail: text('stderr_tail'),
    serverVersion: text('server_version'),
    protocolVersion: text('protocol_version'),
    serverInfo: jsonb('server_info').$type<Record<string, unknown>>(),
    instructions: text('instructions'),
    toolCount: integer('tool_count').notNull().default(0),
    droppedTools: jsonb('dropped_tools').$type<{ index: number; name?: string; reason: string }[]>(),
    prompts: jsonb('prompts').$type<PromptDefinition[]>(),
    resources: jsonb('resources').$type<ResourceDefinition[]>(),
    /** Hash of the sorted tool definition hashes: equal hashes mean an unchanged tool set. */
    definitionHash: text('definition_hash'),
    timings: jsonb('timings').$type<CrawlTimings>().notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('crawl_snapshots_server_idx').on(t.serverId, t.id),
    uniqueIndex('crawl_snapshots_run_server_uq').on(t.runId, t.serverId),
  ],
);

/**
 * Tool definitions, content-addressed: a definition that did not change between crawls (or that two
 * servers share verbatim) is stored once.
 */
export const toolDefinitions = pgTable(
  'tool_definitions',
  {
    definitionHash: text('definition_hash').primaryKey(),
    name: text('name').notNull(),
    title: text('title'),
    description: text('description'),
    inputSchema: jsonb('input_schema').$type<Record<string, unknown>>(),
    outputSchema: jsonb('output_schema').$type<Record<string, unknown>>(),
    annotations: jsonb('annotations').$type<ToolAnnotations>(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tool_definitions_name_idx').on(t.name)],
);

/** Which tool definitions a snapshot listed, in the server's order. */
export const snapshotTools = pgTable(
  'snapshot_tools',
  {
    snapshotId: bigint('snapshot_id', { mode: 'number' })
      .notNull()
      .references(() => crawlSnapshots.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    definitionHash: text('definition_hash')
      .notNull()
      .references(() => toolDefinitions.definitionHash),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.position] }), index('snapshot_tools_hash_idx').on(t.definitionHash)],
);

/**
 * A label for a tool definition, in the context of a server (its domain changes the risk), by one
 * classifier version; computed once per (definition, context, classifier version).
 */
export const classifications = pgTable(
  'classifications',
  {
    definitionHash: text('definition_hash')
      .notNull()
      .references(() => toolDefinitions.definitionHash),
    contextHash: text('context_hash').notNull(),
    classifier: text('classifier').notNull(),
    classifierVersion: text('classifier_version').notNull(),
    category: text('category').notNull(),
    risk: text('risk').notNull(),
    confidence: doublePrecision('confidence').notNull(),
    rationale: text('rationale').notNull(),
    tags: jsonb('tags').$type<Tag[]>().notNull(),
    findings: jsonb('findings').$type<Finding[]>().notNull(),
    suggestedAnnotations: jsonb('suggested_annotations').$type<Record<string, boolean>>().notNull(),
    evidence: jsonb('evidence').$type<Evidence[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.definitionHash, t.contextHash, t.classifier, t.classifierVersion] })],
);

/**
 * Answers of the LLM classifier, cached by what determines them: the tool definition, the server
 * context, the prompt version and the model. A rerun never asks twice.
 */
export const llmAnswers = pgTable(
  'llm_answers',
  {
    definitionHash: text('definition_hash').notNull(),
    contextHash: text('context_hash').notNull(),
    promptVersion: text('prompt_version').notNull(),
    model: text('model').notNull(),
    answer: jsonb('answer').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.definitionHash, t.contextHash, t.promptVersion, t.model] })],
);
