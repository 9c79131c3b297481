// Gathers every string a model reads from a tool definition: title, description and, in the input
// schema, each property's description, title, default and enum values (attacks hide there too).
import type { ToolDefinition } from '../classifier.ts';

export interface TextPart {
  where: string;
  text: string;
  /** Schema defaults are values, not prose: they get the value checks (injection, SSRF). */
  isValue: boolean;
}

const MAX_PARTS = 200;
const MAX_DEPTH = 6;

export function collectText(tool: ToolDefinition): TextPart[] {
  const parts: TextPart[] = [];
  if (typeof tool.description === 'string' && tool.description.length > 0) parts.push({ where: 'description', text: tool.description, isValue: false });
  if (typeof tool.title === 'string' && tool.title.length > 0) parts.push({ where: 'title', text: tool.title, isValue: false });
  if (typeof tool.annotations?.title === 'string' && tool.annotations.title.length > 0) parts.push({ where: 'annotations.title', text: tool.annotations.title, isValue: false });
  if (tool.inputSchema !== undefined) walkSchema(tool.inputSchema, 'inputSchema', parts, 0);
  return parts;
}

function walkSchema(node: unknown, path: string, parts: TextPart[], depth: number): void {
  if (depth > MAX_DEPTH || parts.length >= MAX_PARTS || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length && i < 50; i++) walkSchema(node[i], `${path}[${i}]`, parts, depth + 1);
    return;
  }
  const obj = node as Record<string, unknown>;
  for (const key of ['description', 'title'] as const) {
    const v = obj[key];
    if (typeof v === 'string' && v.length > 0 && parts.length < MAX_PARTS) parts.push({ where: `${path}.${key}`, text: v, isValue: false });
  }
  const def = obj['default'];
  if (typeof def === 'string' && def.length > 0 && parts.length < MAX_PARTS) parts.push({ where: `${path}.default`, text: def, isValue: true });
  const en = obj['enum'];
  if (Array.isArray(en)) {
    for (const v of en.slice(0, 30)) if (typeof v === 'string' && v.length > 20 && parts.length < MAX_PARTS) parts.push({ where: `${path}.enum`, text: v, isValue: true });
  }
  const props = obj['properties'];
  if (props !== null && typeof props === 'object' && !Array.isArray(props)) {
    // Keys, not entries: no [key, value] pair per property.
    const keys = Object.keys(props);
    for (let i = 0; i < keys.length && i < 60; i++) {
      const k = keys[i] as string;
      walkSchema((props as Record<string, unknown>)[k], `${path}.properties.${k}`, parts, depth + 1);
    }
  }
  for (const key of ['items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties'] as const) {
    if (obj[key] !== undefined && typeof obj[key] === 'object') walkSchema(obj[key], `${path}.${key}`, parts, depth + 1);
  }
}

/** Each top-level property's default, as strings (a string, or an array's strings), with the property's name. */
export function propertyDefaults(tool: ToolDefinition): Array<{ property: string; values: string[] }> {
  const props = tool.inputSchema?.['properties'];
  if (props === null || typeof props !== 'object' || Array.isArray(props)) return [];
  const out: Array<{ property: string; values: string[] }> = [];
  for (const property of Object.keys(props as Record<string, unknown>).slice(0, 60)) {
    const node = (props as Record<string, unknown>)[property];
    const def = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)['default'] : undefined;
    const values = typeof def === 'string' ? [def] : Array.isArray(def) ? def.slice(0, 50).filter((v): v is string => typeof v === 'string') : [];
    if (values.length > 0) out.push({ property, values });
  }
  return out;
}

/** Property names carry meaning too (`llm_model_name`, `system_prompt`). */
export function propertyNames(tool: ToolDefinition): string[] {
  const props = tool.inputSchema?.['properties'];
  if (props === null || typeof props !== 'object' || Array.isArray(props)) return [];
  return Object.keys(props as Record<string, unknown>).slice(0, 60);
}

/**
 * The tool's own vocabulary, lowercased: every property name at any depth and every string enum
 * value. A backticked `projectId` or `status` in the description names one of these, not another tool.
 */
export function ownSchemaWords(tool: ToolDefinition): Set<string> {
  const out = new Set<string>();
  if (tool.inputSchema !== undefined) walkVocabulary(tool.inputSchema, 0, out);
  return out;
}

function walkVocabulary(node: unknown, depth: number, out: Set<string>): void {
  if (depth > MAX_DEPTH || out.size > 400 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const v of node.slice(0, 50)) walkVocabulary(v, depth + 1, out);
    return;
  }
  const obj = node as Record<string, unknown>;
  const en = obj['enum'];
  if (Array.isArray(en)) for (const v of en.slice(0, 60)) if (typeof v === 'string' && v.length > 0 && v.length <= 60) out.add(v.toLowerCase());
  const props = obj['properties'];
  if (props !== null && typeof props === 'object' && !Array.isArray(props)) {
    const keys = Object.keys(props);
    for (let i = 0; i < keys.length && i < 60; i++) {
      const k = keys[i] as string;
      out.add(k.toLowerCase());
      walkVocabulary((props as Record<string, unknown>)[k], depth + 1, out);
    }
  }
  for (const key of ['items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties'] as const) {
    if (obj[key] !== undefined && typeof obj[key] === 'object') walkVocabulary(obj[key], depth + 1, out);
  }
}
