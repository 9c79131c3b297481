// Domain types shared by every stage of the pipeline. Crawlers and classifiers depend on these,
// never on the database or on each other.

export const CATEGORIES = ['Read', 'Write', 'Delete'] as const;
export type Category = (typeof CATEGORIES)[number];

export const RISKS = ['Low', 'Medium', 'High', 'Critical'] as const;
export type Risk = (typeof RISKS)[number];

/** Tool annotations as the MCP spec defines them (2025-06-18). Every field is a claim by the author. */
export interface ToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** One tool as a server listed it, after normalisation (crawlers/normalize-tool.ts). */
export interface ToolDefinition {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations?: ToolAnnotations;
}

/** What a classifier may know about the server a tool belongs to. */
export interface ServerContext {
  name: string;
  description?: string;
}

export const TAGS = [
  'reads-private-data',
  'ingests-untrusted-content',
  'public-sink',
  'destructive-local',
  'destructive-shared',
  'executes-code',
  'financial',
] as const;
export type Tag = (typeof TAGS)[number];

export type EvidenceSource = 'name' | 'description' | 'schema' | 'annotation' | 'server';

/** One piece of evidence behind a label. Positive weight pushes towards the signal's meaning. */
export interface Evidence {
  signal: string;
  weight: number;
  source: EvidenceSource;
  text: string;
}

export type FindingSeverity = 'low' | 'medium' | 'high' | 'critical';

/** A problem found in a tool definition: a hostile description or a contradicted annotation. */
export interface Finding {
  kind: string;
  severity: FindingSeverity;
  message: string;
  /** The offending excerpt, made visible (invisible characters written as \u{…}). */
  excerpt?: string;
}

export interface Classification {
  category: Category;
  risk: Risk;
  /** 0–1: how sure the classifier is of the category and risk. */
  confidence: number;
  rationale: string;
  tags: Tag[];
  findings: Finding[];
  suggestedAnnotations: Required<Pick<ToolAnnotations, 'readOnlyHint' | 'destructiveHint' | 'idempotentHint' | 'openWorldHint'>>;
  evidence: Evidence[];
  /** True when two careful engineers could pick a different category. */
  ambiguous?: boolean;
}

export interface ClassifierInfo {
  name: string;
  version: string;
}

export interface ClassifyOptions {
  /** Judge the definition alone, as if the server had declared no annotations. */
  ignoreAnnotations?: boolean;
}

/** Every classifier (rules, LLM, ensemble) has this shape. */
export interface Classifier {
  readonly info: ClassifierInfo;
  classify(tool: ToolDefinition, server?: ServerContext, options?: ClassifyOptions): Classification | Promise<Classification>;
}

// ---- crawling ---------------------------------------------------------------------------

/** How a crawl ended. A server's fault is data, not an exception. */
export const CRAWL_STATUSES = [
  'ok',
  'install_failed',
  'timeout',
  'crashed',
  'protocol_error',
  'auth_required',
  /** A remote server that could not be reached (refused, reset, DNS, 5xx). */
  'unreachable',
  'unsupported',
  'cancelled',
] as const;
export type CrawlStatus = (typeof CRAWL_STATUSES)[number];

/** How to start a server: an npm package run over stdio, or a remote URL. */
export interface ServerLaunch {
  transport: 'stdio' | 'streamable-http' | 'sse';
  npmPackage?: string;
  npmVersion?: string;
  /** The package bin to run when it has several. */
  bin?: string;
  /** A local script run with node instead of an installed package (fixtures, dev dependencies). */
  entry?: string;
  /** Any program, run with `args` under the same isolation (`mcp-risk scan -- <command> [args…]`). */
  command?: string;
  args: string[];
  /** Variable name → value (placeholders for credentials). Never stored, never printed. */
  env: Record<string, string>;
  url?: string;
  /** HTTP headers for a remote server (credentials). Never stored, queued or printed. */
  headers?: Record<string, string>;
}

/** A server we know of, from a seed list or a catalog source. */
export interface ServerCandidate {
  id: string;
  name: string;
  description?: string;
  source: string;
  repository?: string;
  version?: string;
  domain?: string;
  launch: ServerLaunch;
}

export interface DroppedTool {
  index: number;
  name?: string;
  reason: string;
}

export interface CrawlTimings {
  installMs?: number;
  connectMs?: number;
  listMs?: number;
  totalMs: number;
}

export interface PromptDefinition {
  name: string;
  title?: string;
  description?: string;
  arguments?: { name: string; description?: string; required?: boolean }[];
}

export interface ResourceDefinition {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
}

export interface CrawlResult {
  status: CrawlStatus;
  error?: string;
  stderrTail: string;
  serverName?: string;
  serverVersion?: string;
  protocolVersion?: string;
  serverInfo?: Record<string, unknown>;
  instructions?: string;
  tools: ToolDefinition[];
  droppedTools: DroppedTool[];
  /** Listed when the server declares the capability; a failure there does not fail the crawl. */
  prompts?: PromptDefinition[];
  resources?: ResourceDefinition[];
  timings: CrawlTimings;
}
