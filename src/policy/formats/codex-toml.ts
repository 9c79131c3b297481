// OpenAI Codex `config.toml`: per-server `enabled_tools`/`disabled_tools`, a default approval mode and
// a per-tool `approval_mode` (openai/codex docs/config.md "MCP tool approvals"; modes auto | prompt |
// writes | approve). The keys go into the user's existing [mcp_servers.<alias>] table.
import { sanitizeName } from '../alias.ts';
import type { Action } from '../policy-schema.ts';
import { commentText, exportTools, isInvisible, type ExportInput, type ExportTool } from './export-input.ts';

/** approve = run without asking; prompt = always ask. Denied tools are disabled, not moded. */
const APPROVAL_MODE: Record<Exclude<Action, 'deny'>, 'approve' | 'prompt'> = { allow: 'approve', require_approval: 'prompt' };

/**
 * Tool names stay raw: Codex matches enabled/disabled_tools and the per-tool tables against the name
 * the server lists (only the model-visible `mcp__…` name is sanitised). Rate limits cannot be
 * expressed in Codex and are noted in comments.
 */
export function codexToml(input: ExportInput): string {
  const alias = sanitizeName(input.alias, 'codex');
  const table = `mcp_servers.${tomlKey(alias)}`;
  const tools = exportTools(input.policy);
  const usable = tools.filter((t): t is ExportTool & { action: Exclude<Action, 'deny'> } => t.action !== 'deny');
  const denied = tools.filter((t) => t.action === 'deny');
  const lines = [
    '# Codex config.toml from mcp-risk. TOML forbids defining a table twice: if your config already has',
    `# [${table}] (with its command or url), merge the keys below into it.`,
    `[${table}]`,
  ];
  // enabled_tools makes the policy's default deny real: a tool the server adds later stays off.
  if (input.policy.default === 'deny') lines.push(`enabled_tools = ${tomlArray(usable.map((t) => t.name))}`);
  lines.push(`disabled_tools = ${tomlArray(denied.map((t) => t.name))}`);
  // Whatever is not listed below is asked about: the safe default when a table is incomplete.
  lines.push('default_tools_approval_mode = "prompt"');
  for (const tool of denied) {
    if (tool.reason !== undefined) lines.push(`# disabled ${commentText(tool.name)}: ${commentText(tool.reason)}`);
  }
  for (const tool of usable) {
    lines.push('');
    if (tool.reason !== undefined) lines.push(`# ${commentText(tool.reason)}`);
    for (const limit of tool.limits) lines.push(`# recommended limit (not enforceable in Codex): ${limit.max} per ${limit.window}`);
    lines.push(`[${table}.tools.${tomlKey(tool.name)}]`);
    lines.push(`approval_mode = "${APPROVAL_MODE[tool.action]}"`);
  }
  return `${lines.join('\n')}\n`;
}

/** A TOML key: bare when it may be (A-Za-z0-9_-), else a quoted basic string. */
export function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key);
}

/** A TOML basic string; TOML requires control characters (and DEL) escaped, and we escape invisible ones. */
export function tomlString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\uFFFD'; // a lone surrogate has no UTF-8 form
    else if (code < 0x20 || code === 0x7f || isInvisible(code)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

function tomlArray(values: readonly string[]): string {
  return `[${values.map(tomlString).join(', ')}]`;
}
