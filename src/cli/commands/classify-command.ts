// `mcp-risk classify`: label tool definitions from a JSONL file, no catalog needed. Streams line by
// line with a bounded window of classifications in flight, so a million-line file runs in flat memory
// and the output keeps the input's order.
import { once } from 'node:events';
import { open, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { normalizeTool } from '../../../crawlers/normalize-tool.ts';
import { CLASSIFIER_NAMES, createClassifier } from '../../../classifiers/create-classifier.ts';
import type { LlmStats } from '../../../classifiers/llm-classifier.ts';
import type { LlmFlags } from '../../config.ts';
import type { Db } from '../../db/connect.ts';
import { McpRiskError, errorMessage } from '../../errors.ts';
import type { Classification, Classifier, ServerContext, ToolDefinition } from '../../types.ts';
import { intOption, withDatabase } from '../context.ts';

export interface ClassifierFlags {
  classifier: string;
  llmBaseUrl?: string;
  llmModel?: string;
  llmConcurrency?: number;
  llmCache?: boolean;
}

/** The classifier flags classify and eval share. */
export function addClassifierOptions(command: Command): Command {
  return command
    .addOption(new Option('--classifier <name>', 'which classifier labels the tools').choices(CLASSIFIER_NAMES).default('rules'))
    .option('--llm-base-url <url>', 'OpenAI-compatible endpoint for llm/ensemble (env MCP_RISK_LLM_BASE_URL)')
    .option('--llm-model <model>', 'model for llm/ensemble (env MCP_RISK_LLM_MODEL)')
    .option('--llm-concurrency <n>', 'LLM requests in flight (env MCP_RISK_LLM_CONCURRENCY, default 4)', intOption(1, 256))
    .option('--llm-cache', 'cache LLM answers in the configured database (DATABASE_URL or the embedded one)');
}

/** Build the classifier the flags ask for, with a database for the LLM cache when wanted, and run `fn`. */
export async function withClassifier<T>(flags: ClassifierFlags, fn: (classifier: Classifier & { stats?: Readonly<LlmStats> }) => Promise<T>): Promise<T> {
  const llm: LlmFlags = {};
  if (flags.llmBaseUrl !== undefined) llm.baseUrl = flags.llmBaseUrl;
  if (flags.llmModel !== undefined) llm.model = flags.llmModel;
  if (flags.llmConcurrency !== undefined) llm.concurrency = flags.llmConcurrency;
  const build = (db: Db | undefined) => createClassifier(flags.classifier, llm, { db });
  if (flags.llmCache === true && flags.classifier !== 'rules') return withDatabase(({ db }) => fn(build(db)));
  return fn(build(undefined));
}

export function llmSummary(classifier: { stats?: Readonly<LlmStats> }): string {
  const s = classifier.stats;
  return s ? `; LLM: ${s.requests} requests, ${s.cacheHits} cache hits, ${s.fallbacks} fell back to rules` : '';
}

// ---- input lines ------------------------------------------------------------------------------

const serverSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().min(1).optional(),
  description: z.string().nullish(),
});

/** `{tool, server?, annotations?}` (the gold set keeps annotations beside the tool) or a bare tool. */
const wrappedSchema = z.looseObject({
  tool: z.unknown(),
  server: serverSchema.nullish(),
  annotations: z.record(z.string(), z.unknown()).nullish(),
});

export type ToolLine = { ok: true; tool: ToolDefinition; server?: ServerContext; raw: Record<string, unknown> } | { ok: false; reason: string };

export function parseToolLine(text: string): ToolLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON (${errorMessage(error)})` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, reason: 'not a JSON object' };
  const raw = json as Record<string, unknown>;
  if (!('tool' in raw)) {
    const bare = normalizeTool(raw);
    return bare.ok ? { ok: true, tool: bare.tool, raw } : { ok: false, reason: `not a tool: ${bare.reason}` };
  }
  const wrapped = wrappedSchema.safeParse(raw);
  if (!wrapped.success) {
    const issue = wrapped.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid line'}` };
  }
  const { tool: rawTool, server, annotations } = wrapped.data;
  const merged =
    annotations && typeof rawTool === 'object' && rawTool !== null && !Array.isArray(rawTool)
      ? { ...rawTool, annotations: { ...annotations, ...asRecord((rawTool as Record<string, unknown>)['annotations']) } }
      : rawTool;
  const tool = normalizeTool(merged);
  if (!tool.ok) return { ok: false, reason: `tool: ${tool.reason}` };
  const name = server?.name ?? server?.id;
  if (name === undefined) return { ok: true, tool: tool.tool, raw };
  const context: ServerContext = { name };
  if (server?.description) context.description = server.description;
  return { ok: true, tool: tool.tool, server: context, raw };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Lines of a file (or stdin for `-`); a missing or unreadable file is bad input (exit 2). */
export async function* readLines(file: string, flag: string): AsyncGenerator<{ lineNo: number; text: string }> {
  let handle: FileHandle | undefined;
  if (file !== '-') {
    try {
      handle = await open(file, 'r');
      if ((await handle.stat()).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    } catch (error) {
      await handle?.close();
      throw new McpRiskError('BAD_INPUT_FILE', `cannot read ${flag} ${file}: ${errorMessage(error)}`, { hint: `${flag} takes a JSONL file, one JSON object per line` });
    }
  }
  const input = handle ? handle.createReadStream({ encoding: 'utf8' }) : process.stdin;
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  try {
    for await (const text of lines) {
      lineNo += 1;
      yield { lineNo, text };
    }
  } catch (error) {
    throw new McpRiskError('BAD_INPUT_FILE', `cannot read ${flag} ${file} after line ${lineNo}: ${errorMessage(error)}`);
  } finally {
    lines.close();
    await handle?.close();
  }
}

type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Map with at most `window` calls in flight, yielding results in input order. Pairs with a
 * classifier's own queue: the window bounds memory, the queue bounds requests.
 */
export async function* mapOrdered<T, R>(source: AsyncIterable<T>, fn: (item: T) => R | Promise<R>, window: number): AsyncGenerator<R> {
  const pending: Promise<Settled<R>>[] = [];
  const next = async (): Promise<R> => {
    const settled = await (pending.shift() as Promise<Settled<R>>);
    if (!settled.ok) throw settled.error;
    return settled.value;
  };
  for await (const item of source) {
    // Settled up front, so a failure further back in the window is never an unhandled rejection.
    pending.push(
      Promise.resolve()
        .then(() => fn(item))
        .then((value): Settled<R> => ({ ok: true, value }), (error: unknown): Settled<R> => ({ ok: false, error })),
    );
    if (pending.length >= window) yield await next();
  }
  while (pending.length > 0) yield await next();
}

export async function writeWithBackpressure(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

// ---- the command ------------------------------------------------------------------------------

interface ClassifyFlags extends ClassifierFlags {
  in: string;
  out?: string;
  ignoreAnnotations?: boolean;
}

export function registerClassifyCommand(program: Command): void {
  const command = program
    .command('classify')
    .description('label tool definitions from a JSONL file: one output line per good input line, in order (no database needed)')
    .requiredOption('--in <file>', 'JSONL input, one tool per line ("-" reads stdin)')
    .option('--out <file>', 'write the JSONL output here instead of stdout')
    .option('--ignore-annotations', 'judge each definition alone, as if the server had declared no annotations');
  addClassifierOptions(command).addHelpText(
    'after',
    `
Input lines, either form:
  {"tool":{"name":…,"title":…,"description":…,"inputSchema":{…},"annotations":{…}},"server":{"name":…,"description":…}}
  {"name":…,"description":…,"inputSchema":{…}}                       (a bare tool)
  A top-level "annotations" object beside "tool" (gold-set lines) is merged into the tool.

Output lines (JSON): {"name","category","risk","confidence","rationale","tags","findings","suggestedAnnotations","evidence"}

A bad line (not JSON, not a tool) is reported on stderr with its line number and skipped: it gets
no output line, so the output has one line per good input line, in input order. Blank lines are
ignored. Exit 2 only when the input file is missing or unreadable.

Examples:
  $ mcp-risk classify --in tools.jsonl > labels.jsonl
  $ mcp-risk classify --in data/gold/tools.jsonl --ignore-annotations --out labels.jsonl
  $ mcp-risk classify --in tools.jsonl --classifier llm --llm-base-url http://127.0.0.1:11434/v1 --llm-model qwen2.5:7b
  $ jq -c '.tools[]' tools-list.json | mcp-risk classify --in - | jq -r 'select(.risk=="Critical") | .name'`,
  );
  command.action(async (flags: ClassifyFlags) => {
    await withClassifier(flags, (classifier) => classifyFile(classifier, flags));
  });
}

async function classifyFile(classifier: Classifier & { stats?: Readonly<LlmStats> }, flags: ClassifyFlags): Promise<void> {
  const out = flags.out === undefined ? process.stdout : await openOutput(flags.out);
  const options = flags.ignoreAnnotations === true ? { ignoreAnnotations: true } : {};
  let bad = 0;
  let written = 0;
  async function* tools() {
    for await (const { lineNo, text } of readLines(flags.in, '--in')) {
      if (text.trim() === '') continue;
      const line = parseToolLine(text);
      if (!line.ok) {
        bad += 1;
        process.stderr.write(`${flags.in}:${lineNo}: skipped: ${line.reason.slice(0, 300)}\n`);
        continue;
      }
      yield line;
    }
  }
  // LLM calls are slow and parallel; rules are synchronous and need no window.
  const window = classifier.info.name === 'rules' ? 1 : 64;
  // `classify … | head` closes the pipe early: stop reading and classifying, quietly.
  let writeError: NodeJS.ErrnoException | undefined;
  const onError = (error: NodeJS.ErrnoException) => (writeError ??= error);
  out.on('error', onError);
  try {
    for await (const { tool, c } of mapOrdered(tools(), async (line) => ({ tool: line.tool, c: await classifier.classify(line.tool, line.server, options) }), window)) {
      if (writeError) break;
      await writeWithBackpressure(out, `${JSON.stringify(outputLine(tool.name, c))}\n`).catch(onError);
      if (!writeError) written += 1;
    }
  } finally {
    if (out !== process.stdout && !writeError) {
      out.end();
      await once(out, 'close');
    }
    // stdout keeps the listener: a late EPIPE must not become an uncaught error while we exit.
    if (out !== process.stdout) out.off('error', onError);
  }
  if (writeError && writeError.code !== 'EPIPE') throw writeError;
  process.stderr.write(`classified ${written} tools with ${classifier.info.name} ${classifier.info.version}${bad > 0 ? `; skipped ${bad} bad lines` : ''}${llmSummary(classifier)}\n`);
}

async function openOutput(file: string): Promise<Writable> {
  try {
    const handle = await open(file, 'w');
    return handle.createWriteStream({ encoding: 'utf8' });
  } catch (error) {
    throw new McpRiskError('BAD_FLAG', `cannot write --out ${file}: ${errorMessage(error)}`, { hint: 'check that the directory exists and is writable' });
  }
}

/** The documented output shape, keys in a fixed order. */
function outputLine(name: string, c: Classification) {
  return {
    name,
    category: c.category,
    risk: c.risk,
    confidence: c.confidence,
    rationale: c.rationale,
    tags: c.tags,
    findings: c.findings,
    suggestedAnnotations: c.suggestedAnnotations,
    evidence: c.evidence,
  };
}
