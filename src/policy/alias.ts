// Client formats name a server by the key the user gave it in their own config, not by its registry
// name: `mcp__<alias>__<tool>` in Claude Code, `[mcp_servers.<alias>]` in Codex. The CLI passes
// --alias NAME; without it we guess the short name people usually pick, sanitised the way the client
// would require it.
import { McpRiskError } from '../errors.ts';

export type AliasClient = 'claude-code' | 'codex' | 'toolhive' | 'docker';

/**
 * Claude Code and Codex both accept a server key only if it matches ^[a-zA-Z0-9_-]+$:
 * - Codex: `is_valid_mcp_server_name` in openai/codex codex-rs (error "invalid server name '…': must
 *   match pattern ^[a-zA-Z0-9_-]+$"), and `sanitize_responses_api_tool_name`, which replaces every
 *   other character with "_" when it builds model-visible names.
 * - Claude Code: `claude mcp add` refuses other names ("Names can only contain letters, numbers,
 *   hyphens, and underscores", quoted in withastro/docs-mcp#16); the SchemaStore settings schema uses
 *   the same pattern for `allowedMcpServers[].serverName`.
 * So both clients' rule is: every character outside [A-Za-z0-9_-] becomes "_".
 */
const CLIENT_KEY_INVALID = /[^A-Za-z0-9_-]/g;

/** The sanitising rule per client, for a server key or (Claude Code) a tool name inside a rule. */
export function sanitizeName(name: string, client: AliasClient): string {
  switch (client) {
    case 'claude-code':
    case 'codex':
      return name.replace(CLIENT_KEY_INVALID, '_') || '_';
    // ToolHive's Cedar entities and Docker's tools.yaml keys take the name as it is (quoted by the
    // exporter); only surrounding whitespace, which no config keeps, is dropped.
    case 'toolhive':
    case 'docker':
      return name.trim();
  }
}

/**
 * The short name a user would most likely give the server: the last segment of a registry or npm name
 * (`io.github.acme/github-mcp` → `github-mcp`, `@scope/server-x` → `server-x`), without the
 * ubiquitous "mcp-server-"/"server-" prefixes and "-mcp-server"/"-mcp"/"-server" suffixes.
 */
export function shortServerName(serverName: string): string {
  const lastSegment = serverName.trim().split('/').filter((part) => part.length > 0).pop() ?? '';
  // An npm spec's "@version" goes; a leading "@" (a bare scope) is not a version.
  const short = lastSegment
    .replace(/(?<=.)@[^@]*$/, '')
    .replace(/^(mcp[-_]server[-_]|server[-_]|mcp[-_])/i, '')
    .replace(/([-_]mcp[-_]server|[-_]mcp|[-_]server)$/i, '');
  return short.length > 0 ? short : lastSegment;
}

/**
 * The alias to key an export by: the user's --alias when given (checked against the client's rule, so
 * an export never names a server the client would refuse), else the sanitised short server name.
 */
export function resolveAlias(options: { serverName: string; alias?: string | undefined; client: AliasClient }): string {
  const { serverName, alias, client } = options;
  if (alias !== undefined) {
    if (alias.trim().length === 0) {
      throw new McpRiskError('BAD_FLAG', '--alias is empty', { hint: 'Pass the key your client config uses for the server, e.g. --alias github.' });
    }
    const sanitized = sanitizeName(alias, client);
    if ((client === 'claude-code' || client === 'codex') && sanitized !== alias) {
      throw new McpRiskError('BAD_FLAG', `--alias "${alias}" is not a valid ${client} server name: only letters, digits, "_" and "-" are allowed`, {
        hint: `${client} itself would refuse it; did you mean --alias ${sanitized}?`,
      });
    }
    return sanitized;
  }
  return sanitizeName(shortServerName(serverName), client);
}
