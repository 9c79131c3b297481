// Claude Code settings.json `permissions`: each tool as `mcp__<alias>__<tool>` in allow, ask or deny.
// Schema: https://json.schemastore.org/claude-code-settings.json (SchemaStore/schemastore
// src/schemas/json/claude-code-settings.json; vendored for the tests in test/fixtures/schemas/).
import { sanitizeName } from '../alias.ts';
import { stableJson } from '../stable-json.ts';
import type { Action } from '../policy-schema.ts';
import { exportTools, type ExportInput } from './export-input.ts';

export const CLAUDE_CODE_SCHEMA_URL = 'https://json.schemastore.org/claude-code-settings.json';

const LIST_BY_ACTION: Record<Action, 'allow' | 'ask' | 'deny'> = { allow: 'allow', require_approval: 'ask', deny: 'deny' };

/**
 * Claude Code matches rules against the name it gives the tool, in which both the server key and the
 * tool name have every character outside [A-Za-z0-9_-] replaced by "_" (see alias.ts), so a tool
 * named "files.read" is matched by `mcp__fs__files_read`. Fully qualified names only: wildcards in
 * MCP rules have been unreliable (anthropics/claude-code#34739, #13077). Limits cannot be expressed.
 * Claude Code evaluates deny, then ask, then allow; when two tools collapse to one rule name, the
 * rule goes only to the strictest list. Unlisted tools fall to Claude Code's default: it asks.
 */
export function claudeCodeSettings(input: ExportInput): string {
  const alias = sanitizeName(input.alias, 'claude-code');
  const strictest = new Map<string, Action>();
  const rank: Record<Action, number> = { allow: 0, require_approval: 1, deny: 2 };
  for (const tool of exportTools(input.policy)) {
    const rule = `mcp__${alias}__${sanitizeName(tool.name, 'claude-code')}`;
    const seen = strictest.get(rule);
    if (seen === undefined || rank[tool.action] > rank[seen]) strictest.set(rule, tool.action);
  }
  const permissions: Record<'allow' | 'ask' | 'deny', string[]> = { allow: [], ask: [], deny: [] };
  for (const [rule, action] of strictest) permissions[LIST_BY_ACTION[action]].push(rule);
  for (const list of Object.values(permissions)) list.sort();
  return `${stableJson({ $schema: CLAUDE_CODE_SCHEMA_URL, permissions })}\n`;
}
