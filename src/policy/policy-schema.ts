// The policy format v1, defined once in zod. Types are inferred from it and docs/policy.schema.json is
// generated from it (scripts/generate-policy-schema.ts), so the file users read and the parser we run
// cannot drift apart; test/policy/policy-schema.test.ts fails when they do.
import { z } from 'zod';
import { McpRiskError } from '../errors.ts';

export const POLICY_VERSION = '1';

export const ACTIONS = ['allow', 'require_approval', 'deny'] as const;
export const WINDOWS = ['second', 'minute', 'hour', 'day'] as const;

export const actionSchema = z.enum(ACTIONS).describe('What the gateway does with a call to the tool.');
export const windowSchema = z.enum(WINDOWS).describe('The period a rate limit counts over.');

export const limitSchema = z
  .strictObject({
    counter: z.string().min(1).describe('Name of the counter; limits that share a counter share a budget, e.g. "<tool>_rate".'),
    window: windowSchema,
    max: z.number().int().positive().describe('Most calls allowed in one window.'),
    // The Foundation format names only "grant"; other scopes are left open rather than guessed.
    scope: z.string().min(1).describe('Who shares the counter, e.g. "grant" (one budget per granted credential).'),
  })
  .describe('A rate limit on calls to the tool.');

export const toolPolicySchema = z
  .strictObject({
    // Optional on input because the Foundation format lets an entry carry only limits (an implied
    // allow); everything we write states the action explicitly.
    action: actionSchema.optional().describe('What the gateway does with a call to the tool; "allow" when absent.'),
    reason: z.string().optional().describe('Why this action and limit were chosen, for the human reading the policy.'),
    limits: z.array(limitSchema).optional().describe('Rate limits that apply when the call is allowed or approved.'),
  })
  .describe('The policy for one tool.');

export const policySchema = z
  .strictObject({
    version: z.literal(POLICY_VERSION).describe('Policy format version.'),
    default: z.enum(['allow', 'deny']).describe('What happens to a call to a tool not listed in "tools".'),
    tools: z.record(z.string().min(1), toolPolicySchema).describe('Policy per tool, keyed by the tool name the server lists.'),
  })
  .describe('An mcp-risk policy (format v1): a default and a policy per tool.');

export type Action = z.infer<typeof actionSchema>;
export type Window = z.infer<typeof windowSchema>;
export type RateLimit = z.infer<typeof limitSchema>;
export type ToolPolicy = z.infer<typeof toolPolicySchema>;
export type Policy = z.infer<typeof policySchema>;

/** The action a tool entry stands for; an entry without one is an allow (see the schema). */
export function effectiveAction(entry: ToolPolicy): Action {
  return entry.action ?? 'allow';
}

/** The JSON Schema of the v1 policy format (draft 2020-12), as published in docs/policy.schema.json. */
export function policyJsonSchema(): Record<string, unknown> {
  // io: 'input' describes what a user may write (action optional), which is what the schema is for.
  const schema = z.toJSONSchema(policySchema, { io: 'input', target: 'draft-2020-12' });
  return { ...schema, title: 'mcp-risk policy v1' };
}

/**
 * Validates a parsed policy document (a --policy file, an HTTP body). Use this rather than
 * policySchema.parse: zod skips a record key named "__proto__" without validating it, and a tool may
 * be called anything, so every tool entry is validated and copied here as an own property.
 */
export function parsePolicy(value: unknown, source: string): Policy {
  const parsed = policySchema.safeParse(value);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issuePath(issue.path)}: ${issue.message}`);
  let tools: Record<string, ToolPolicy> = {};
  if (parsed.success && typeof value === 'object' && value !== null && 'tools' in value) {
    const entries = Object.entries(value.tools as Record<string, unknown>).map(([name, raw]) => {
      const entry = toolPolicySchema.safeParse(raw);
      if (!entry.success) problems.push(...entry.error.issues.map((issue) => `${issuePath(['tools', name, ...issue.path])}: ${issue.message}`));
      return [name, entry.data] as const;
    });
    tools = Object.fromEntries(entries.filter((e): e is readonly [string, ToolPolicy] => e[1] !== undefined));
  }
  if (!parsed.success || problems.length > 0) {
    throw new McpRiskError('BAD_INPUT_FILE', `policy ${source}: ${problems.join('; ')}`, {
      hint: 'A policy is {"version":"1","default":"allow|deny","tools":{…}}; see docs/policy.schema.json.',
    });
  }
  return { ...parsed.data, tools };
}

/** A zod issue path as people write it: rules[2].limit.max. */
export function issuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}
