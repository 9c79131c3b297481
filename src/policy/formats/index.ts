// The export formats by name, for the CLI's --format and the HTTP API's ?format=. Each is a pure
// function from (alias, whole-server policy) to the text of the file the user pastes.
import { McpRiskError } from '../../errors.ts';
import { claudeCodeSettings } from './claude-code.ts';
import { codexToml } from './codex-toml.ts';
import { dockerToolsYaml } from './docker-tools-yaml.ts';
import type { ExportInput } from './export-input.ts';
import { toolhiveCedar, toolhiveRateLimitYaml } from './toolhive-cedar.ts';
import { v1Json } from './v1-json.ts';

export type { ExportInput } from './export-input.ts';

export const FORMAT_NAMES = ['v1', 'claude-code', 'toolhive', 'codex', 'docker'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export interface ExportFormat {
  name: FormatName;
  description: string;
  /** The file the text belongs in (a suggestion for --out and for the HTTP Content-Disposition). */
  fileName: string;
  mediaType: string;
  /** Which client's rule the alias must follow (alias.ts), or undefined when the alias is unused. */
  aliasClient: 'claude-code' | 'codex' | 'toolhive' | 'docker' | undefined;
  render(input: ExportInput): string;
}

export const EXPORT_FORMATS: Readonly<Record<FormatName, ExportFormat>> = {
  v1: {
    name: 'v1',
    description: 'mcp-risk policy v1 (JSON; schema in docs/policy.schema.json), with limits and reasons',
    fileName: 'policy.json',
    mediaType: 'application/json',
    aliasClient: undefined,
    render: v1Json,
  },
  'claude-code': {
    name: 'claude-code',
    description: 'Claude Code settings.json permissions: allow/ask/deny rules mcp__<alias>__<tool>',
    fileName: 'settings.json',
    mediaType: 'application/json',
    aliasClient: 'claude-code',
    render: claudeCodeSettings,
  },
  toolhive: {
    name: 'toolhive',
    description: 'ToolHive authz config (thv run --authz-config): Cedar permit/forbid per tool',
    fileName: 'authz.json',
    mediaType: 'application/json',
    aliasClient: 'toolhive',
    render: (input) => toolhiveCedar(input),
  },
  codex: {
    name: 'codex',
    description: 'OpenAI Codex config.toml: [mcp_servers.<alias>] enabled/disabled_tools and per-tool approval_mode',
    fileName: 'config.toml',
    mediaType: 'application/toml',
    aliasClient: 'codex',
    render: codexToml,
  },
  docker: {
    name: 'docker',
    description: 'Docker MCP Gateway tools.yaml: the tools each server may expose (denied tools left out)',
    fileName: 'tools.yaml',
    mediaType: 'application/yaml',
    aliasClient: 'docker',
    render: (input) => dockerToolsYaml(input),
  },
};

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/** The export's text; an unknown format name is bad input naming the allowed ones. */
export function exportPolicy(format: string, input: ExportInput): string {
  if (!isFormatName(format)) {
    throw new McpRiskError('BAD_FLAG', `unknown policy format "${format}"; allowed: ${FORMAT_NAMES.join(', ')}`, {
      hint: 'Pass --format with one of the names above.',
    });
  }
  return EXPORT_FORMATS[format].render(input);
}

export { toolhiveRateLimitYaml };
