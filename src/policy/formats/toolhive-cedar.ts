// Stacklok ToolHive authorization config (`thv run --authz-config authz.json`): Cedar policies over
// Action::"call_tool" and Tool::"<name>" (stacklok/toolhive docs/authz.md, examples/authz-config.json).
// ToolHive denies what no policy permits and lets any forbid win, so the default stays deny.
import { stableJson } from '../stable-json.ts';
import type { RateLimit } from '../policy-schema.ts';
import { yamlString } from './yaml-text.ts';
import { exportTools, type ExportInput, type ExportTool } from './export-input.ts';

export interface ToolhiveOptions {
  /**
   * ToolHive cannot ask a person, so a tool that needs approval is either permitted (the client in
   * front of the gateway asks, as Claude Code and Codex do) or forbidden outright. Default: permit.
   */
  approval?: 'permit' | 'forbid';
}

export function toolhiveCedar(input: ExportInput, options: ToolhiveOptions = {}): string {
  const approval = options.approval ?? 'permit';
  const policies = exportTools(input.policy).map((tool) => cedarStatement(tool, approval));
  if (input.policy.default === 'allow') {
    // A default-allow policy permits every tool the deny statements above do not forbid.
    policies.push('@reason("policy default: allow")\npermit(principal, action == Action::"call_tool", resource);');
  }
  const config = { version: '1.0', type: 'cedarv1', cedar: { policies, entities_json: '[]' } };
  return `${stableJson(config)}\n`;
}

function cedarStatement(tool: ExportTool, approval: 'permit' | 'forbid'): string {
  const effect = tool.action === 'allow' || (tool.action === 'require_approval' && approval === 'permit') ? 'permit' : 'forbid';
  const annotations = [`@mcp_risk_action(${cedarString(tool.action)})`];
  if (tool.reason !== undefined) annotations.push(`@reason(${cedarString(tool.reason)})`);
  return `${annotations.join('\n')}\n${effect}(principal, action == Action::"call_tool", resource == Tool::${cedarString(tool.name)});`;
}

/**
 * A Cedar string literal. Cedar strings take Rust-style escapes (\\ \" \n \t \r \0 \' and \u{…});
 * everything outside printable ASCII is written as \u{…} so the policy text stays plain ASCII and
 * no character (quote, backslash, newline, bidi control) can end or disguise the literal.
 */
export function cedarString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\u{fffd}'; // a lone surrogate is no Cedar char
    else out += `\\u{${code.toString(16)}}`;
  }
  return `${out}"`;
}

/** Go duration text as ToolHive's rateLimiting.refillPeriod takes it (time.Duration.String()). */
const REFILL_PERIOD = { second: '1s', minute: '1m0s', hour: '1h0m0s', day: '24h0m0s' } as const;

/**
 * The per-tool rate limits as a ToolHive MCPServer `rateLimiting` excerpt (YAML), for tools that are
 * not denied. ToolHive's limiter is a token bucket: maxTokens calls, refilled over refillPeriod.
 */
export function toolhiveRateLimitYaml(input: ExportInput): string {
  const lines = ['# ToolHive MCPServer spec excerpt: per-tool rate limits from mcp-risk', 'rateLimiting:', '  tools:'];
  let count = 0;
  for (const tool of exportTools(input.policy)) {
    const limit = slowestLimit(tool.limits);
    if (tool.action === 'deny' || limit === undefined) continue;
    lines.push(`    - name: ${yamlString(tool.name)}`);
    lines.push(`      shared: { maxTokens: ${limit.max}, refillPeriod: "${REFILL_PERIOD[limit.window]}" }`);
    count += 1;
  }
  if (count === 0) lines[2] = '  tools: []';
  return `${lines.join('\n')}\n`;
}

const WINDOW_SECONDS = { second: 1, minute: 60, hour: 3600, day: 86400 } as const;

/** ToolHive keeps one bucket per tool, so of several limits the one with the lowest rate is kept. */
function slowestLimit(limits: readonly RateLimit[]): RateLimit | undefined {
  let slowest: RateLimit | undefined;
  for (const limit of limits) {
    const rate = limit.max / WINDOW_SECONDS[limit.window];
    if (slowest === undefined || rate < slowest.max / WINDOW_SECONDS[slowest.window]) slowest = limit;
  }
  return slowest;
}
