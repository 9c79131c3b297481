// The LLM classifier: asks any OpenAI-compatible model for category and risk, checks the answer with
// zod, caches it per (definition, context, prompt version, model), and falls back to the rules
// classifier on any failure. Findings, evidence and suggested annotations still come from the rules,
// because they are checks the model could be talked out of by a hostile description.
import OpenAI from 'openai';
import PQueue from 'p-queue';
import type { LlmConfig } from '../src/config.ts';
import type { Db } from '../src/db/connect.ts';
import { getLlmAnswer, saveLlmAnswer, type LlmCacheKey } from '../src/db/llm-cache-repo.ts';
import { serverContextHash, toolDefinitionHash } from '../src/definition-hash.ts';
import { DEFAULT_LLM_BASE_URL } from '../src/config.ts';
import { McpRiskError, errorMessage } from '../src/errors.ts';
import { TAGS } from '../src/types.ts';
import type { Classification, Classifier, ClassifyOptions, Finding, ServerContext, Tag, ToolDefinition } from './classifier.ts';
import { LLM_ANSWER_JSON_SCHEMA, LLM_ANSWER_SCHEMA_NAME, PROMPT_VERSION, llmAnswerSchema, llmPrompt, type LlmAnswer } from './llm-prompt.ts';
import { classifyWithRules } from './rules-classifier.ts';

export { PROMPT_VERSION } from './llm-prompt.ts';

/** Evidence signals this classifier adds, so callers (the ensemble, reports) can tell what happened. */
export const LLM_ANSWER_SIGNAL = 'llm:answer';
export const LLM_FALLBACK_SIGNAL = 'llm:fallback';

export interface LlmClassifierOptions {
  config: LlmConfig;
  /** Cache answers in `llm_answers`; without a database every call asks the model. */
  db?: Db | undefined;
}

export interface LlmStats {
  /** HTTP requests that reached the model (after the client's own retries, one per question). */
  requests: number;
  cacheHits: number;
  fallbacks: number;
}

export interface LlmClassifier extends Classifier {
  classify(tool: ToolDefinition, server?: ServerContext, options?: ClassifyOptions): Promise<Classification>;
  readonly stats: Readonly<LlmStats>;
  /** Resolves when no question is queued or in flight. */
  onIdle(): Promise<void>;
}

type Outcome = { ok: true; answer: LlmAnswer; cached: boolean } | { ok: false; reason: string };

export function createLlmClassifier(options: LlmClassifierOptions): LlmClassifier {
  const { config, db } = options;
  if (config.apiKey === undefined && isHostedDefault(config.baseUrl)) {
    throw new McpRiskError('BAD_CONFIG', `the LLM classifier needs an API key for ${config.baseUrl}`, {
      hint: 'set MCP_RISK_LLM_API_KEY (or OPENAI_API_KEY), or point --llm-base-url at a local OpenAI-compatible server',
    });
  }
  const client = new OpenAI({
    baseURL: config.baseUrl,
    // Local servers (Ollama, vLLM, llama.cpp) ignore the key, but the client insists on one.
    apiKey: config.apiKey ?? 'no-key',
    maxRetries: config.maxRetries,
    timeout: config.timeoutMs,
  });
  // Every question goes through this queue, so however callers fan out, at most `concurrency`
  // requests (and cache look-ups) are in flight.
  const queue = new PQueue({ concurrency: config.concurrency });
  const stats: LlmStats = { requests: 0, cacheHits: 0, fallbacks: 0 };
  let responseFormat = config.responseFormat;

  async function askModel(tool: ToolDefinition, server: ServerContext | undefined, ignoreAnnotations: boolean): Promise<Outcome> {
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      stats.requests += 1;
      completion = await client.chat.completions.create({
        model: config.model,
        messages: llmPrompt({ tool, server, ignoreAnnotations }),
        temperature: 0,
        response_format: responseFormatParam(responseFormat),
      });
    } catch (error) {
      // Older OpenAI-compatible servers reject structured outputs; JSON mode is the next best thing.
      if (responseFormat === 'json_schema' && error instanceof OpenAI.BadRequestError && /response_format|json_schema/i.test(error.message)) {
        responseFormat = 'json_object';
        return askModel(tool, server, ignoreAnnotations);
      }
      return { ok: false, reason: describeApiError(error) };
    }
    const choice = completion.choices[0];
    const content = choice?.message.content;
    if (typeof content !== 'string' || content.trim() === '') {
      const refusal = choice?.message.refusal;
      return { ok: false, reason: refusal ? `the model refused: ${refusal.slice(0, 200)}` : 'the answer was empty' };
    }
    return parseAnswer(content);
  }

  async function answer(tool: ToolDefinition, server: ServerContext | undefined, ignoreAnnotations: boolean): Promise<Outcome> {
    const key: LlmCacheKey = {
      definitionHash: toolDefinitionHash(tool),
      contextHash: serverContextHash(server ?? { name: '' }),
      // The prompt differs when annotations are withheld, so it is a different question.
      promptVersion: ignoreAnnotations ? `${PROMPT_VERSION}+no-annotations` : PROMPT_VERSION,
      model: config.model,
    };
    if (db) {
      const stored = llmAnswerSchema.safeParse(await getLlmAnswer(db, key));
      if (stored.success) {
        stats.cacheHits += 1;
        return { ok: true, answer: stored.data, cached: true };
      }
    }
    const outcome = await askModel(tool, server, ignoreAnnotations);
    if (outcome.ok && db) await saveLlmAnswer(db, key, outcome.answer);
    return outcome;
  }

  return {
    info: { name: 'llm', version: `${PROMPT_VERSION}:${config.model}` },
    stats,
    onIdle: () => queue.onIdle(),
    async classify(tool, server, classifyOptions = {}) {
      const rules = classifyWithRules(tool, server, classifyOptions);
      const ignoreAnnotations = classifyOptions.ignoreAnnotations === true;
      let outcome: Outcome;
      try {
        outcome = await queue.add(() => answer(tool, server, ignoreAnnotations));
      } catch (error) {
        // A cache (database) failure must not lose the label either.
        outcome = { ok: false, reason: `cache error: ${errorMessage(error)}` };
      }
      if (!outcome.ok) {
        stats.fallbacks += 1;
        return fallBack(rules, outcome.reason);
      }
      return mergeAnswer(tool, rules, outcome.answer, outcome.cached, ignoreAnnotations);
    },
  };
}

function isHostedDefault(baseUrl: string): boolean {
  return new URL(baseUrl).host === new URL(DEFAULT_LLM_BASE_URL).host;
}

function responseFormatParam(format: LlmConfig['responseFormat']): NonNullable<OpenAI.Chat.Completions.ChatCompletionCreateParams['response_format']> {
  if (format === 'json_object') return { type: 'json_object' };
  return { type: 'json_schema', json_schema: { name: LLM_ANSWER_SCHEMA_NAME, schema: LLM_ANSWER_JSON_SCHEMA, strict: true } };
}

function parseAnswer(content: string): Outcome {
  // Some servers wrap JSON-mode output in a Markdown fence anyway.
  const text = content.trim().replace(/^```(?:json)?\s*\n([\s\S]*)\n```$/, '$1');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: `the answer is not JSON: ${JSON.stringify(content.slice(0, 80))}` };
  }
  const parsed = llmAnswerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, reason: `the answer does not match the schema (${where}${issue?.message ?? 'invalid'})` };
  }
  return { ok: true, answer: parsed.data, cached: false };
}

function describeApiError(error: unknown): string {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return 'the request timed out';
  if (error instanceof OpenAI.APIConnectionError) return `could not connect: ${errorMessage(error.cause ?? error)}`;
  if (error instanceof OpenAI.APIError) return `HTTP ${error.status ?? '?'}: ${error.message.slice(0, 200)}`;
  return errorMessage(error).slice(0, 200);
}

function fallBack(rules: Classification, reason: string): Classification {
  return {
    ...rules,
    rationale: `${rules.rationale} (The LLM classifier failed — ${reason} — so this is the rules classifier's label.)`,
    evidence: [...rules.evidence, { signal: LLM_FALLBACK_SIGNAL, weight: 0, source: 'description', text: reason }],
  };
}

/** The model decides category, risk, confidence and rationale; the rules supply everything checkable. */
function mergeAnswer(tool: ToolDefinition, rules: Classification, answer: LlmAnswer, cached: boolean, ignoreAnnotations: boolean): Classification {
  const tagSet = new Set<Tag>([...rules.tags, ...answer.tags]);
  const tags = TAGS.filter((t) => tagSet.has(t));
  const category = answer.category;
  const read = category === 'Read';
  const rulesWrote = rules.category !== 'Read';
  const has = (t: Tag) => tagSet.has(t);
  const findings: Finding[] = rules.findings.filter((f) => f.kind !== 'annotation_contradiction');
  if (!ignoreAnnotations) findings.push(...annotationContradictions(tool, answer));
  return {
    category,
    risk: answer.risk,
    confidence: Math.round(answer.confidence * 100) / 100,
    rationale: answer.rationale,
    tags,
    findings,
    // Re-derived so the suggestions never contradict the chosen category.
    suggestedAnnotations: {
      readOnlyHint: read,
      destructiveHint:
        !read && (category === 'Delete' || has('destructive-local') || has('destructive-shared') || has('executes-code') || (rulesWrote && rules.suggestedAnnotations.destructiveHint)),
      idempotentHint: read || category === 'Delete' || (rulesWrote && rules.suggestedAnnotations.idempotentHint),
      openWorldHint: rules.suggestedAnnotations.openWorldHint || has('public-sink') || has('ingests-untrusted-content'),
    },
    evidence: [
      ...rules.evidence,
      {
        signal: LLM_ANSWER_SIGNAL,
        weight: answer.confidence,
        source: 'description',
        text: `${category}/${answer.risk}${answer.ambiguous ? ' (ambiguous)' : ''}${cached ? ', cached answer' : ''}; rules said ${rules.category}/${rules.risk}`,
      },
    ],
    ambiguous: answer.ambiguous,
  };
}

/** The same contradiction checks the rules make, against the model's category. */
function annotationContradictions(tool: ToolDefinition, answer: LlmAnswer): Finding[] {
  const a = tool.annotations;
  if (a === undefined || answer.ambiguous) return [];
  const out: Finding[] = [];
  if (a.readOnlyHint === true && answer.category !== 'Read') {
    out.push({
      kind: 'annotation_contradiction',
      severity: answer.category === 'Delete' || answer.risk === 'Critical' || answer.tags.includes('executes-code') ? 'high' : 'medium',
      message: `Declares readOnlyHint: true, but the definition describes a ${answer.category} action`,
      excerpt: `readOnlyHint: true on ${tool.name}`,
    });
  }
  if (a.destructiveHint === false && a.readOnlyHint !== true && answer.category === 'Delete') {
    out.push({
      kind: 'annotation_contradiction',
      severity: 'medium',
      message: 'Declares destructiveHint: false, but the definition describes a deletion',
      excerpt: `destructiveHint: false on ${tool.name}`,
    });
  }
  return out;
}
