// Per-tool and whole-server policies, and the most-conservative merge used when one tool name is
// served by many servers and the caller cannot say which one it will meet.
import { McpRiskError } from '../errors.ts';
import type { Classification } from '../types.ts';
import { compareStrings } from './stable-json.ts';
import { effectiveAction, POLICY_VERSION, type Action, type Policy, type RateLimit, type ToolPolicy } from './policy-schema.ts';
import { recommend, toToolPolicy, type Recommendation } from './recommend.ts';
import { DEFAULT_RULES, type RecommendationRule } from './recommend-rules.ts';

export interface ClassifiedTool {
  name: string;
  classification: Pick<Classification, 'category' | 'risk' | 'findings'>;
}

/** One tool's policy entry, and the recommendation (with its rule id) it came from. */
export function buildToolPolicy(
  tool: ClassifiedTool,
  rules: readonly RecommendationRule[] = DEFAULT_RULES,
): { recommendation: Recommendation; policy: ToolPolicy } {
  const recommendation = recommend(tool.name, tool.classification, rules);
  return { recommendation, policy: toToolPolicy(recommendation) };
}

/**
 * The policy for a whole server: anything not listed is denied (a tool the server adds later has not
 * been classified), and every listed tool carries its recommendation. A name listed twice keeps the
 * more conservative entry.
 */
export function buildPolicy(tools: readonly ClassifiedTool[], rules: readonly RecommendationRule[] = DEFAULT_RULES): Policy {
  const byName = new Map<string, ToolPolicy[]>();
  for (const tool of tools) {
    const entries = byName.get(tool.name) ?? [];
    entries.push(buildToolPolicy(tool, rules).policy);
    byName.set(tool.name, entries);
  }
  return {
    version: POLICY_VERSION,
    default: 'deny',
    tools: sortedRecord([...byName].map(([name, entries]) => [name, mergeToolPolicies(entries)])),
  };
}

const ACTION_RANK: Record<Action, number> = { allow: 0, require_approval: 1, deny: 2 };
const WINDOW_SECONDS = { second: 1, minute: 60, hour: 3600, day: 86400 } as const;

/**
 * The most conservative of several entries for one tool: the strictest action wins (deny >
 * require_approval > allow), and every limit still applies, the lowest max winning where two limit
 * the same counter, window and scope.
 */
export function mergeToolPolicies(entries: readonly ToolPolicy[]): ToolPolicy {
  const first = entries[0];
  if (first === undefined) throw new McpRiskError('INTERNAL', 'mergeToolPolicies needs at least one entry');
  if (entries.length === 1) return cloneEntry(first);
  const winner = entries.reduce((a, b) => (ACTION_RANK[effectiveAction(b)] > ACTION_RANK[effectiveAction(a)] ? b : a));
  const action = effectiveAction(winner);
  const merged: ToolPolicy = { action };
  const reasons = unique(entries.filter((e) => effectiveAction(e) === action).flatMap((e) => (e.reason === undefined ? [] : [e.reason])));
  if (reasons.length > 0) merged.reason = reasons.join(' | ');
  if (action !== 'deny') {
    const limits = mergeLimits(entries.flatMap((e) => e.limits ?? []));
    if (limits.length > 0) merged.limits = limits;
  }
  return merged;
}

/**
 * Merges whole policies (e.g. every server that lists a tool name): the default is deny if any is,
 * and each tool name gets the most conservative of its entries. A tool missing from one policy
 * falls under that policy's default, so a deny-default policy that lacks it makes it deny.
 */
export function mergePolicies(policies: readonly Policy[]): Policy {
  if (policies.length === 0) throw new McpRiskError('INTERNAL', 'mergePolicies needs at least one policy');
  const names = new Set(policies.flatMap((p) => Object.keys(p.tools)));
  const tools = [...names].map((name) => {
    const entries = policies.map((p) => Object.hasOwn(p.tools, name) ? (p.tools[name] as ToolPolicy) : defaultEntry(p));
    return [name, mergeToolPolicies(entries)] as const;
  });
  return {
    version: POLICY_VERSION,
    default: policies.some((p) => p.default === 'deny') ? 'deny' : 'allow',
    tools: sortedRecord(tools),
  };
}

function defaultEntry(policy: Policy): ToolPolicy {
  return policy.default === 'deny'
    ? { action: 'deny', reason: 'not listed in a policy whose default is deny' }
    : { action: 'allow' };
}

function mergeLimits(limits: readonly RateLimit[]): RateLimit[] {
  const lowest = new Map<string, RateLimit>();
  for (const limit of limits) {
    const key = JSON.stringify([limit.counter, limit.window, limit.scope]);
    const seen = lowest.get(key);
    if (seen === undefined || limit.max < seen.max) lowest.set(key, { ...limit });
  }
  return [...lowest.values()].sort(
    (a, b) =>
      compareStrings(a.counter, b.counter) ||
      WINDOW_SECONDS[a.window] - WINDOW_SECONDS[b.window] ||
      compareStrings(a.scope, b.scope) ||
      a.max - b.max,
  );
}

function cloneEntry(entry: ToolPolicy): ToolPolicy {
  const copy: ToolPolicy = { action: effectiveAction(entry) };
  if (entry.reason !== undefined) copy.reason = entry.reason;
  if (entry.limits !== undefined && entry.limits.length > 0 && copy.action !== 'deny') {
    copy.limits = mergeLimits(entry.limits);
  }
  return copy;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** A record with keys in code-unit order; fromEntries keeps "__proto__" an ordinary key. */
function sortedRecord<T>(entries: ReadonlyArray<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => compareStrings(a, b)));
}
