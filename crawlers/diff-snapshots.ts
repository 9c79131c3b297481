// Drift between two crawls of a server, per tool, with a severity. Routine evolution (a new optional
// parameter, a reworded description) is low; what changes what an agent may do is not: a description
// that gains instructions, a read tool that becomes destructive, a new required parameter.
import { canonicalJson } from '../src/definition-hash.ts';
import type { Category, Classification, FindingSeverity, ToolDefinition } from '../src/types.ts';

export type ChangeKind =
  | 'tool_added'
  | 'tool_removed'
  | 'description_changed'
  | 'schema_changed'
  | 'annotations_changed'
  | 'category_changed';

export interface ToolChange {
  tool: string;
  kind: ChangeKind;
  severity: FindingSeverity;
  summary: string;
}

/** Just what severity rules need from a classifier; injected so crawlers stay classifier-free. */
export type QuickLabel = (tool: ToolDefinition) => Pick<Classification, 'category' | 'findings'>;

const CATEGORY_RANK: Record<Category, number> = { Read: 0, Write: 1, Delete: 2 };
const SEVERITY_RANK: Record<FindingSeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function diffSnapshots(before: readonly ToolDefinition[], after: readonly ToolDefinition[], label: QuickLabel): ToolChange[] {
  const old = new Map(before.map((t) => [t.name, t]));
  const now = new Map(after.map((t) => [t.name, t]));
  const changes: ToolChange[] = [];
  for (const [name, tool] of now) {
    const previous = old.get(name);
    if (!previous) {
      const { category } = label(tool);
      changes.push({
        tool: name,
        kind: 'tool_added',
        severity: category === 'Read' ? 'low' : 'medium',
        summary: `new ${category} tool`,
      });
      continue;
    }
    changes.push(...diffTool(previous, tool, label));
  }
  for (const name of old.keys()) {
    if (!now.has(name)) changes.push({ tool: name, kind: 'tool_removed', severity: 'low', summary: 'tool no longer listed' });
  }
  return changes.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.tool.localeCompare(b.tool) || a.kind.localeCompare(b.kind));
}

function diffTool(before: ToolDefinition, after: ToolDefinition, label: QuickLabel): ToolChange[] {
  const changes: ToolChange[] = [];
  const name = after.name;
  const labelBefore = label(before);
  const labelAfter = label(after);

  if ((before.description ?? '') !== (after.description ?? '')) {
    const oldWorst = worstFinding(labelBefore.findings.filter((f) => !f.kind.startsWith('annotation')));
    const newFindings = labelAfter.findings.filter((f) => !f.kind.startsWith('annotation'));
    const newWorst = worstFinding(newFindings);
    const gained = newWorst !== undefined && (oldWorst === undefined || SEVERITY_RANK[newWorst] > SEVERITY_RANK[oldWorst]);
    changes.push({
      tool: name,
      kind: 'description_changed',
      severity: gained ? (newWorst === 'low' ? 'medium' : newWorst) : 'low',
      summary: gained
        ? `description gained ${newFindings.map((f) => f.kind).join(', ')}`
        : `description changed (${(before.description ?? '').length} → ${(after.description ?? '').length} characters)`,
    });
  }

  const schemaChange = diffSchema(before.inputSchema, after.inputSchema);
  if (schemaChange) changes.push({ tool: name, kind: 'schema_changed', ...schemaChange });

  if (canonicalJson(before.annotations ?? {}) !== canonicalJson(after.annotations ?? {})) {
    const becameWriting = before.annotations?.readOnlyHint === true && after.annotations?.readOnlyHint !== true;
    const becameDestructive = before.annotations?.destructiveHint !== true && after.annotations?.destructiveHint === true;
    changes.push({
      tool: name,
      kind: 'annotations_changed',
      severity: becameWriting || becameDestructive ? 'high' : 'low',
      summary: `annotations ${canonicalJson(before.annotations ?? {})} → ${canonicalJson(after.annotations ?? {})}`,
    });
  }

  if (labelBefore.category !== labelAfter.category) {
    const escalated = CATEGORY_RANK[labelAfter.category] > CATEGORY_RANK[labelBefore.category];
    changes.push({
      tool: name,
      kind: 'category_changed',
      severity: escalated ? 'high' : 'low',
      summary: `inferred category ${labelBefore.category} → ${labelAfter.category}`,
    });
  }
  return changes;
}

function worstFinding(findings: readonly { severity: FindingSeverity }[]): FindingSeverity | undefined {
  let worst: FindingSeverity | undefined;
  for (const f of findings) if (worst === undefined || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  return worst;
}

interface SchemaShape {
  properties: Map<string, string>;
  required: Set<string>;
}

function shapeOf(schema: Record<string, unknown> | undefined): SchemaShape {
  const properties = new Map<string, string>();
  const required = new Set<string>();
  const props = schema?.['properties'];
  if (props && typeof props === 'object' && !Array.isArray(props)) {
    for (const [key, value] of Object.entries(props)) properties.set(key, canonicalJson(value));
  }
  const req = schema?.['required'];
  if (Array.isArray(req)) for (const r of req) if (typeof r === 'string') required.add(r);
  return { properties, required };
}

function diffSchema(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): Omit<ToolChange, 'tool' | 'kind'> | undefined {
  if (canonicalJson(before ?? {}) === canonicalJson(after ?? {})) return undefined;
  const a = shapeOf(before);
  const b = shapeOf(after);
  const notes: string[] = [];
  let severity: FindingSeverity = 'low';
  const raise = (s: FindingSeverity) => {
    if (SEVERITY_RANK[s] > SEVERITY_RANK[severity]) severity = s;
  };
  for (const key of b.properties.keys()) {
    if (a.properties.has(key)) continue;
    if (b.required.has(key)) {
      notes.push(`new required parameter "${key}"`);
      raise('medium');
    } else notes.push(`new optional parameter "${key}"`);
  }
  for (const key of a.properties.keys()) {
    if (!b.properties.has(key)) {
      notes.push(`parameter "${key}" removed`);
      raise('medium');
    } else if (a.properties.get(key) !== b.properties.get(key)) {
      notes.push(`parameter "${key}" changed`);
    }
  }
  for (const key of b.required) {
    if (a.properties.has(key) && !a.required.has(key)) {
      notes.push(`parameter "${key}" became required`);
      raise('medium');
    }
  }
  return { severity, summary: notes.length > 0 ? notes.join('; ') : 'input schema changed' };
}
