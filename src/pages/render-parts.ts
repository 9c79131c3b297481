// Pieces several pages share: badges, the policy block with its copy buttons, and links to tools.
// Every crawled string goes through visible() (escaped, invisible characters shown).
import type { Category, Risk } from '../types.ts';
import { html, join, visible, visibleContent, type SafeHtml } from './html.ts';
import type { PolicyExport } from './policy-exports.ts';
import { hrefFrom } from './render-layout.ts';
import { sitePaths } from './site-paths.ts';

export function riskBadge(risk: Risk | null): SafeHtml {
  if (risk === null) return html`<span class="badge risk-none">Risk: not classified</span>`;
  return html`<span class="badge risk-${risk.toLowerCase()}">Risk: ${risk}</span>`;
}

export function categoryBadge(category: Category | null): SafeHtml {
  return html`<span class="badge category">Category: ${category ?? 'not classified'}</span>`;
}

/** Short form for tables: the word, so colour is never the only signal. */
export function riskCell(risk: Risk | null): SafeHtml {
  return html`<span class="pill risk-${risk === null ? 'none' : risk.toLowerCase()}">${risk ?? '—'}</span>`;
}

export function toolLink(fromPath: string, serverSlug: string, toolSlug: string, name: string): SafeHtml {
  return html`<a href="${hrefFrom(fromPath, sitePaths.tool(serverSlug, toolSlug))}"><code>${visible(name)}</code></a>`;
}

export function serverLink(fromPath: string, serverSlug: string, label: string): SafeHtml {
  return html`<a href="${hrefFrom(fromPath, sitePaths.server(serverSlug))}">${visible(label)}</a>`;
}

/**
 * The policy in every export format. Each is a <details> (works without JS) whose text a copy button
 * puts on the clipboard; the button stays hidden until the script runs, so no dead control shows.
 */
export function policyBlock(idPrefix: string, exports: readonly PolicyExport[]): SafeHtml {
  const blocks = exports.map((e, i) => {
    const id = `${idPrefix}-${e.format}`;
    return html`<details class="policy"${i === 0 ? html` open` : ''}>
<summary><span class="format">${e.format}</span> <span class="muted">${e.fileName} — ${e.description}</span></summary>
<div class="code-wrap">
<button type="button" class="copy" data-copy="${id}" hidden>Copy ${e.format}</button>
<pre id="${id}" tabindex="0" aria-label="${e.format} policy"><code>${visibleContent(e.text)}</code></pre>
</div>
</details>`;
  });
  return html`${blocks}`;
}

export function definitionList(rows: readonly (readonly [string, SafeHtml | string | null | undefined])[]): SafeHtml {
  const items = rows
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`);
  return html`<dl class="facts">${join(items)}</dl>`;
}

export function dateOnly(iso: string | null | undefined): string {
  return iso === null || iso === undefined ? '—' : iso.slice(0, 10);
}
