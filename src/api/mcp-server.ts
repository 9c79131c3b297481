// `mcp-risk mcp`: our own MCP server over stdio, so an agent or a gateway can ask "how risky is this
// tool, and what should guard it?" before it calls the tool. stdout is the protocol; logs go to stderr.
import type { Readable, Writable } from 'node:stream';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Db } from '../db/connect.ts';
import { McpRiskError, errorMessage } from '../errors.ts';
import { createLogger, type Logger } from '../log.ts';
import { FORMAT_NAMES } from '../policy/formats/index.ts';
import { findTool } from '../policy/lookup-policy.ts';
import type { RecommendationRule } from '../policy/recommend-rules.ts';
import { DEFAULT_RULES } from '../policy/recommend-rules.ts';
import { stableJson } from '../policy/stable-json.ts';
import type { ClassifierInfo } from '../types.ts';
import { getPolicy } from './get-policy.ts';
import { suggestionsFromHint } from './http-error.ts';
import { aliasField, formatField, serverField, toolNameField } from './query-schemas.ts';
import { distinctServers, toolMatches } from './tool-matches.ts';

export interface McpServerOptions {
  db: Db;
  classifier: ClassifierInfo;
  rules?: readonly RecommendationRule[];
  logger?: Logger;
}

// Both tools only read our catalog: no side effects, same answer for the same catalog, no outside world.
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

export function createMcpServer(options: McpServerOptions): McpServer {
  const { db, classifier } = options;
  const rules = options.rules ?? DEFAULT_RULES;
  const logger = options.logger ?? createLogger({ quiet: true });
  const server = new McpServer(
    { name: 'mcp-risk', version: '0.1.0' },
    {
      instructions:
        'Before calling an MCP tool, look it up: lookup_tool_risk says what it does (Read/Write/Delete) and how risky it is (Low…Critical) and why; get_policy gives the policy that should guard it, in the format your client or gateway reads.',
    },
  );

  server.registerTool(
    'lookup_tool_risk',
    {
      title: 'Look up a tool\'s risk',
      description:
        'Find an MCP tool in the mcp-risk catalog by name and return every server that has it, each with the category (Read, Write or Delete), the risk (Low, Medium, High or Critical), the classifier\'s confidence (0–1), the rationale, and any findings (e.g. a hostile description). Accepts a bare name (delete_file), server/tool, or mcp__server__tool.',
      inputSchema: { tool: toolNameField, server: serverField.optional() },
      annotations: { title: 'Look up a tool\'s risk', ...READ_ONLY },
    },
    async ({ tool, server: serverId }) =>
      answer(logger, async () => {
        const { matches } = await findTool(db, classifier, tool, serverId);
        const result = { tool: matches[0]?.tool.name ?? tool, servers: distinctServers(matches), matches: toolMatches(matches) };
        return { content: [{ type: 'text', text: stableJson(result) }], structuredContent: result };
      }),
  );

  server.registerTool(
    'get_policy',
    {
      title: 'Get the policy for a tool',
      description: `The recommended policy for an MCP tool, as the text of the file to paste: format v1 (mcp-risk's JSON, default) or ${FORMAT_NAMES.filter((f) => f !== 'v1').join(', ')}. When several servers have the tool, name one with server, or pass merge: true for the most conservative policy over all of them; otherwise the answer lists the matches.`,
      inputSchema: {
        tool: toolNameField,
        server: serverField.optional(),
        format: formatField.optional(),
        alias: aliasField.optional(),
        merge: z.boolean().optional().describe('When several servers have the tool, give the most conservative policy over all of them.'),
      },
      annotations: { title: 'Get the policy for a tool', ...READ_ONLY },
    },
    async ({ tool, server: serverId, format, alias, merge }) =>
      answer(logger, async () => {
        const result = await getPolicy(db, classifier, { tool, server: serverId, format: format ?? 'v1', alias, merge: merge ?? false }, rules);
        if (result.kind === 'ambiguous') {
          const lines = result.matches.map((m) => `  ${m.server}/${m.tool}  ${m.category ?? '-'} ${m.risk ?? '-'}`);
          const text = `${result.servers.length} servers have a tool named ${JSON.stringify(result.tool)}:\n${lines.join('\n')}\nName one with server, or pass merge: true for the most conservative policy.`;
          return { content: [{ type: 'text', text }] };
        }
        return { content: [{ type: 'text', text: result.text }] };
      }),
  );
  return server;
}

/** Run a tool body; our own errors become an isError result the model can read, never a protocol crash. */
async function answer(logger: Logger, body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof McpRiskError && error.exitCode === 2) {
      const suggestions = error.code === 'UNKNOWN_TOOL' ? suggestionsFromHint(error.hint) : [];
      const text = [error.message, error.hint ? `hint: ${error.hint}` : ''].filter((line) => line.length > 0).join('\n');
      return { isError: true, content: [{ type: 'text', text }], structuredContent: { error: { code: error.code, message: error.message, hint: error.hint ?? null, suggestions } } };
    }
    logger.warn(`internal error in a tool call: ${errorMessage(error)}`);
    return { isError: true, content: [{ type: 'text', text: 'internal error in mcp-risk; the server logged the cause' }] };
  }
}

export interface RunMcpServerOptions extends McpServerOptions {
  stdin?: Readable;
  stdout?: Writable;
}

/** Serve over stdio until the client closes our stdin (or the transport closes). */
export async function runMcpServer(options: RunMcpServerOptions): Promise<void> {
  const stdin = options.stdin ?? process.stdin;
  const server = createMcpServer(options);
  const transport = new StdioServerTransport(stdin, options.stdout ?? process.stdout);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = resolve;
    // The SDK's stdio transport does not notice end of input; a client that goes away ends ours.
    stdin.once('end', () => void server.close());
    stdin.once('close', () => void server.close());
  });
  await server.connect(transport);
  await closed;
}
