// `--tools FILE`: a saved tools/list result, so CI can scan a server without running its code.
// Accepts the result object (`{"tools":[…]}`), a whole JSON-RPC response (`{"result":{"tools":[…]}}`)
// or a bare array. Each tool goes through the crawler's normalizeTool: a malformed one is dropped with
// its reason and the others are kept, exactly as a live crawl would.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { normalizeTool } from '../../crawlers/normalize-tool.ts';
import { McpRiskError } from '../errors.ts';
import type { DroppedTool, ToolDefinition } from '../types.ts';

const listResult = z.object({ tools: z.array(z.unknown()) });
const toolsFile = z.union([z.array(z.unknown()), listResult, z.object({ result: listResult })]);

export interface ToolsFile {
  tools: ToolDefinition[];
  dropped: DroppedTool[];
}

export async function readToolsFile(file: string): Promise<ToolsFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new McpRiskError('BAD_INPUT_FILE', `cannot read --tools ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new McpRiskError('BAD_INPUT_FILE', `--tools ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'save the result of tools/list, e.g. {"tools":[{"name":"…","inputSchema":{…}}]}',
    });
  }
  return parseToolsList(json, file);
}

export function parseToolsList(json: unknown, source: string): ToolsFile {
  const parsed = toolsFile.safeParse(json);
  if (!parsed.success) {
    throw new McpRiskError('BAD_INPUT_FILE', `--tools ${source} holds neither {"tools":[…]} nor an array of tools`, {
      hint: 'save the result of tools/list, e.g. {"tools":[{"name":"…","inputSchema":{…}}]}',
    });
  }
  const raw = Array.isArray(parsed.data) ? parsed.data : 'tools' in parsed.data ? parsed.data.tools : parsed.data.result.tools;
  const out: ToolsFile = { tools: [], dropped: [] };
  raw.forEach((item, index) => {
    const result = normalizeTool(item);
    if (result.ok) out.tools.push(result.tool);
    else out.dropped.push(result.name === undefined ? { index, reason: result.reason } : { index, name: result.name, reason: result.reason });
  });
  return out;
}
