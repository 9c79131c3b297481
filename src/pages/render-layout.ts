// The page shell every page shares: a strict Content-Security-Policy (no inline script or style, so
// an escaping mistake elsewhere still cannot run), landmarks, a skip link, and the site navigation.
// Links are relative so the site works from any directory or mount point.
import { html, type HtmlValue, type SafeHtml } from './html.ts';
import { rootOf, sitePaths } from './site-paths.ts';

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'";

export interface LayoutInput {
  /** The page's own site-relative path: decides how links reach the root. */
  path: string;
  title: string;
  description: string;
  breadcrumbs?: { label: string; href?: string }[];
  body: SafeHtml;
}

export function renderLayout(input: LayoutInput): string {
  const root = rootOf(input.path);
  const crumbs = input.breadcrumbs ?? [];
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="description" content="${input.description}">
<title>${input.title} · mcp-risk</title>
<link rel="stylesheet" href="${root}${sitePaths.css}">
<script src="${root}${sitePaths.js}" defer></script>
</head>
<body data-root="${root}">
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<nav aria-label="Site">
<a class="brand" href="${root}${sitePaths.index}">mcp-risk</a>
<ul>
<li><a href="${root}${sitePaths.servers()}">Servers</a></li>
<li><a href="${root}${sitePaths.risk('Critical')}">By risk</a></li>
<li><a href="${root}${sitePaths.category('Write')}">By category</a></li>
<li><a href="${root}${sitePaths.index}#search">Search</a></li>
</ul>
</nav>
</header>
${crumbs.length > 0 ? breadcrumbs(root, crumbs) : ''}
<main id="main" tabindex="-1">
${input.body}
</main>
<p id="live" class="visually-hidden" role="status" aria-live="polite"></p>
<footer class="site">
<p>Labels are inferred from each tool's definition by the mcp-risk rules classifier; declared annotations are the server author's claim. Tool names and descriptions are shown verbatim, escaped, with invisible characters made visible.</p>
</footer>
</body>
</html>
`;
  return page.value;
}

function breadcrumbs(root: string, crumbs: { label: string; href?: string }[]): SafeHtml {
  const items: HtmlValue[] = crumbs.map((c) =>
    c.href === undefined ? html`<li aria-current="page">${c.label}</li>` : html`<li><a href="${root}${c.href}">${c.label}</a></li>`,
  );
  return html`<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="${root}${sitePaths.index}">Home</a></li>${items}</ol></nav>`;
}

/** A relative href from one page to another site path. */
export function hrefFrom(fromPath: string, toPath: string): string {
  return rootOf(fromPath) + toPath;
}
