// Docker MCP Gateway `tools.yaml` (~/.docker/mcp/tools.yaml, --tools-config): a map from server name
// to the tools it may expose (docker/mcp-gateway docs/mcp-gateway.md, pkg/config/tools.go). A listed
// server exposes only its listed tools, which is how the policy's default deny is kept.
import { commentText, exportTools, type ExportInput } from './export-input.ts';
import { yamlString } from './yaml-text.ts';

export interface DockerOptions {
  /**
   * The gateway has no approval step. A tool that needs approval is kept (the client in front of the
   * gateway asks, as Claude Code and Codex do) or left out. Default: kept, with a comment.
   */
  approval?: 'keep' | 'omit';
}

export function dockerToolsYaml(input: ExportInput, options: DockerOptions = {}): string {
  const approval = options.approval ?? 'keep';
  const tools = exportTools(input.policy);
  const enabled = tools.filter((t) => t.action === 'allow' || (t.action === 'require_approval' && approval === 'keep'));
  const left = tools.filter((t) => !enabled.includes(t));
  const lines = ['# Docker MCP Gateway tools.yaml from mcp-risk: only the listed tools are enabled.'];
  for (const tool of left) lines.push(`# left out: ${commentText(tool.name)} (${tool.action})`);
  if (enabled.length === 0) {
    lines.push(`${yamlString(input.alias)}: []`);
  } else {
    lines.push(`${yamlString(input.alias)}:`);
    for (const tool of enabled) {
      const note = tool.action === 'require_approval' ? '  # needs approval: have your client ask before calling it' : '';
      lines.push(`  - ${yamlString(tool.name)}${note}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
