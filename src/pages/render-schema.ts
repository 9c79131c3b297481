// The parameter table and the annotations comparison of a tool page. Schemas are crawled JSON: any
// field may be missing, the wrong type, huge, or named "__proto__", so everything is checked and bounded.
import type { CatalogLabel } from '../db/catalog-repo.ts';
import type { ToolAnnotations } from '../types.ts';
import { html, visible, type SafeHtml } from './html.ts';

const MAX_ROWS = 200;
const MAX_ENUM = 12;

export interface ParameterRow {
  name: string;
  type: string;
  required: boolean;
  description: string;
  allowed: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function typeOf(schema: Record<string, unknown>): string {
  const type = schema['type'];
  if (typeof type === 'string') {
    const items = schema['items'];
    return type === 'array' && isRecord(items) ? `array of ${typeOf(items)}` : type;
  }
  if (Array.isArray(type)) return type.filter((t) => typeof t === 'string').join(' | ') || 'any';
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const alternatives = schema[key];
    if (Array.isArray(alternatives)) {
      return alternatives.filter(isRecord).map(typeOf).join(key === 'allOf' ? ' & ' : ' | ') || 'any';
    }
  }
  if (typeof schema['$ref'] === 'string') return `ref ${schema['$ref']}`;
  if (Array.isArray(schema['enum'])) return 'enum';
  return 'any';
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** The input schema's top-level properties, in the schema's order. */
export function parameterRows(schema: Record<string, unknown> | undefined): { rows: ParameterRow[]; omitted: number } {
  const properties = schema?.['properties'];
  if (!isRecord(properties)) return { rows: [], omitted: 0 };
  const required = new Set(Array.isArray(schema?.['required']) ? schema['required'].filter((r) => typeof r === 'string') : []);
  const names = Object.keys(properties);
  const rows = names.slice(0, MAX_ROWS).map((name) => {
    const prop = properties[name];
    const p = isRecord(prop) ? prop : {};
    const allowed: string[] = [];
    if (Array.isArray(p['enum'])) {
      const values = p['enum'];
      allowed.push(`one of ${values.slice(0, MAX_ENUM).map(short).join(', ')}${values.length > MAX_ENUM ? `, … (${values.length})` : ''}`);
    }
    if ('default' in p) allowed.push(`default ${short(p['default'])}`);
    for (const key of ['minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'format']) {
      if (key in p) allowed.push(`${key} ${short(p[key])}`);
    }
    return {
      name,
      type: typeOf(p),
      required: required.has(name),
      description: typeof p['description'] === 'string' ? p['description'] : '',
      allowed: allowed.join('; '),
    };
  });
  return { rows, omitted: Math.max(0, names.length - MAX_ROWS) };
}

export function parameterTable(schema: Record<string, unknown> | undefined): SafeHtml {
  const { rows, omitted } = parameterRows(schema);
  if (rows.length === 0) return html`<p>The input schema declares no parameters.</p>`;
  const body = rows.map(
    (r) => html`<tr><th scope="row"><code>${visible(r.name)}</code></th><td>${visible(r.type)}</td><td>${r.required ? 'yes' : 'no'}</td><td>${visible(r.description)}</td><td>${visible(r.allowed)}</td></tr>`,
  );
  return html`<div class="table-wrap"><table>
<caption>Parameters from the input schema</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th><th scope="col">Allowed values</th></tr></thead>
<tbody>${body}</tbody>
</table></div>${omitted > 0 ? html`<p>${omitted} more parameters not shown.</p>` : ''}`;
}

const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;

/** Declared hints (the author's claim) against the ones the classifier infers from the definition. */
export function annotationTable(declared: ToolAnnotations | undefined, label: CatalogLabel | null): SafeHtml {
  const rows = HINTS.map((hint) => {
    const claim = declared?.[hint];
    const inferred = label?.suggestedAnnotations[hint];
    const verdict =
      claim === undefined ? 'not declared' : inferred === undefined ? 'not inferred' : claim === inferred ? 'agrees' : 'contradicts';
    return html`<tr class="${verdict === 'contradicts' ? 'contradiction' : ''}"><th scope="row"><code>${hint}</code></th><td>${claim === undefined ? '—' : String(claim)}</td><td>${inferred === undefined ? '—' : String(inferred)}</td><td>${verdict === 'contradicts' ? html`<strong>contradicts</strong>` : verdict}</td></tr>`;
  });
  return html`<div class="table-wrap"><table>
<caption>Declared annotations vs inferred (suggested) annotations</caption>
<thead><tr><th scope="col">Hint</th><th scope="col">Declared</th><th scope="col">Inferred</th><th scope="col">Verdict</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}
