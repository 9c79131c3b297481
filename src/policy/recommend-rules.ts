// The recommendation rules as data: one row per case, first match wins. Keeping them as a table (not
// as if/else) lets the README print exactly what the code does, and lets a team override a row with a
// rules file instead of forking the code.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { McpRiskError, errorMessage } from '../errors.ts';
import { CATEGORIES, RISKS, type FindingSeverity } from '../types.ts';
import { actionSchema, issuePath, windowSchema } from './policy-schema.ts';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const satisfies readonly FindingSeverity[];

/** Placeholders a rule's reason may use; filled from the classification by recommend.ts. */
export const REASON_PLACEHOLDERS = ['category', 'risk', 'findingKind', 'findingSeverity', 'findingMessage'] as const;

// A finding kind, or a prefix ending in "*" ("annotation_*").
const kindPatternSchema = z.string().regex(/^[^*]*\*?$/, 'a finding kind, or a prefix ending in "*"');

const findingConditionSchema = z.strictObject({
  minSeverity: z.enum(SEVERITIES),
  kinds: z.array(kindPatternSchema).min(1).optional(),
  excludeKinds: z.array(kindPatternSchema).optional(),
});

export const ruleSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and "-"'),
    when: z.strictObject({
      categories: z.array(z.enum(CATEGORIES)).min(1).optional(),
      risks: z.array(z.enum(RISKS)).min(1).optional(),
      finding: findingConditionSchema.optional(),
    }),
    action: actionSchema,
    limit: z.strictObject({ max: z.number().int().positive(), window: windowSchema }).optional(),
    reason: z.string().min(1),
  })
  .superRefine((rule, ctx) => {
    if (rule.action === 'deny' && rule.limit !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['limit'], message: 'a limit has no effect on a denied tool; remove it' });
    }
    for (const [, name] of rule.reason.matchAll(/\{([^}]*)\}/g)) {
      if (!(REASON_PLACEHOLDERS as readonly string[]).includes(name ?? '')) {
        ctx.addIssue({
          code: 'custom',
          path: ['reason'],
          message: `unknown placeholder {${name}}; allowed: ${REASON_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
        });
      }
    }
  });

export const rulesFileSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal('1'),
  /** true: the file's rules are the whole table; otherwise they override rows by id or go first. */
  replace: z.boolean().optional(),
  rules: z.array(ruleSchema),
});

export type RecommendationRule = z.infer<typeof ruleSchema>;
export type RulesFile = z.infer<typeof rulesFileSchema>;

export const DEFAULT_RULES: readonly RecommendationRule[] = [
  {
    id: 'hostile-description',
    // Annotation findings (a declared hint the classifier contradicts) are a labelling problem, not an
    // attack; every other finding kind is treated as a hostile description.
    when: { finding: { minSeverity: 'medium', excludeKinds: ['annotation_*', 'classifier-*'] } },
    action: 'deny',
    reason: 'Hostile description ({findingKind}, {findingSeverity}): {findingMessage}',
  },
  {
    id: 'lying-annotation',
    // A destructive or executing tool that declares readOnlyHint: true is auto-approved by clients
    // that trust the hint (Claude Code's plan mode, Codex's "writes" mode): deny it until fixed.
    when: { finding: { minSeverity: 'high', kinds: ['annotation_contradiction'] } },
    action: 'deny',
    reason: 'Its declared annotations contradict what it does ({findingMessage}); clients that trust the hints would run it unasked.',
  },
  {
    id: 'critical',
    when: { risks: ['Critical'] },
    action: 'deny',
    reason: '{category}/Critical: the worst normal call (code execution, moving money, granting access, bulk destruction) is not something an agent should do unattended.',
  },
  {
    id: 'delete',
    when: { categories: ['Delete'] },
    action: 'require_approval',
    limit: { max: 5, window: 'minute' },
    reason: 'Delete/{risk}: removal needs a person to confirm it, and a low limit bounds a runaway loop.',
  },
  {
    id: 'high',
    when: { categories: ['Read', 'Write'], risks: ['High'] },
    action: 'require_approval',
    reason: '{category}/High: others see the effect or it reaches shared systems, so a person confirms each call.',
  },
  {
    id: 'write',
    when: { categories: ['Write'], risks: ['Low', 'Medium'] },
    action: 'allow',
    limit: { max: 30, window: 'minute' },
    reason: 'Write/{risk}: an ordinary, reversible change; a rate limit bounds a runaway loop.',
  },
  {
    id: 'read-private',
    when: { categories: ['Read'], risks: ['Medium'] },
    action: 'allow',
    limit: { max: 60, window: 'minute' },
    reason: 'Read/Medium: reads private data; allowed, with a limit against bulk extraction.',
  },
  {
    id: 'read-public',
    when: { categories: ['Read'], risks: ['Low'] },
    action: 'allow',
    limit: { max: 120, window: 'minute' },
    reason: 'Read/Low: public or non-sensitive read; a generous limit only stops runaway loops.',
  },
];

/** Used when no row matches (possible only with a replacing rules file): asking is the safe default. */
export const NO_MATCH_RULE: RecommendationRule = {
  id: 'no-match',
  when: {},
  action: 'require_approval',
  reason: 'No rule matched {category}/{risk}; a person confirms each call until a rule covers it.',
};

/** The JSON Schema of a rules file, as published in docs/policy-rules.schema.json. */
export function rulesFileJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(rulesFileSchema, { io: 'input', target: 'draft-2020-12' }), title: 'mcp-risk recommendation rules file' };
}

/** Validates a rules file's text. `fileName` only names the file in the error. */
export function parseRulesFile(text: string, fileName: string): RulesFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new McpRiskError('BAD_CONFIG', `rules file ${fileName}: not valid JSON (${errorMessage(error)})`, {
      hint: 'A rules file is JSON: {"version":"1","rules":[…]}; see the rules table in the README.',
    });
  }
  const parsed = rulesFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issuePath(issue.path)}: ${issue.message}`);
    throw new McpRiskError('BAD_CONFIG', `rules file ${fileName}: ${problems.join('; ')}`, {
      hint: 'Each rule needs id, when, action (allow|require_approval|deny), reason, and optionally limit {max, window}.',
    });
  }
  const ids = new Set<string>();
  for (const [index, rule] of parsed.data.rules.entries()) {
    if (ids.has(rule.id)) {
      throw new McpRiskError('BAD_CONFIG', `rules file ${fileName}: rules[${index}].id: "${rule.id}" appears twice`);
    }
    ids.add(rule.id);
  }
  return parsed.data;
}

/** Reads and validates a rules file (the CLI's --rules FILE). */
export async function loadRulesFile(path: string): Promise<RulesFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new McpRiskError('BAD_CONFIG', `rules file ${path}: cannot be read (${errorMessage(error)})`, { cause: error });
  }
  return parseRulesFile(text, path);
}

/**
 * The table a rules file produces: with `replace`, its rules alone; otherwise a rule whose id exists
 * replaces that row in place, and new rules go first (they are usually the exceptions).
 */
export function applyRulesFile(base: readonly RecommendationRule[], file: RulesFile): RecommendationRule[] {
  if (file.replace === true) return [...file.rules];
  const byId = new Map(file.rules.map((rule) => [rule.id, rule]));
  const baseIds = new Set(base.map((rule) => rule.id));
  const added = file.rules.filter((rule) => !baseIds.has(rule.id));
  return [...added, ...base.map((rule) => byId.get(rule.id) ?? rule)];
}
