// Where each page lives. Server ids and tool names are crawled text (path traversal, 1,000-character
// names, invisible characters, names differing only in case), so file names are slugs: a plain name
// is kept as it is (readable URLs), anything else is sanitised, shortened and suffixed with a hash of
// the original, which keeps two different names from ever sharing a file, on case-insensitive disks too.
import { createHash } from 'node:crypto';
import type { Category, Risk } from '../types.ts';

const PLAIN = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
// A plain name that looks like a hashed slug could collide with one; it is hashed as well.
const LOOKS_HASHED = /-[0-9a-f]{8}$/;
const MAX_SLUG = 60;

export function slug(name: string): string {
  if (PLAIN.test(name) && !LOOKS_HASHED.test(name) && !name.includes('..')) return name;
  const base = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/[-_]+$/, '');
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return base.length > 0 ? `${base}-${hash}` : `x-${hash}`;
}

/** Site-relative paths (no leading slash), so the site works under any mount point. */
export const sitePaths = {
  index: 'index.html',
  servers: (page = 1) => (page === 1 ? 'servers.html' : `servers-${page}.html`),
  server: (serverSlug: string) => `servers/${serverSlug}.html`,
  tool: (serverSlug: string, toolSlug: string) => `tools/${serverSlug}/${toolSlug}.html`,
  risk: (risk: Risk, page = 1) => `risk/${risk.toLowerCase()}${page === 1 ? '' : `-${page}`}.html`,
  category: (category: Category, page = 1) => `category/${category.toLowerCase()}${page === 1 ? '' : `-${page}`}.html`,
  unclassified: (page = 1) => `risk/unclassified${page === 1 ? '' : `-${page}`}.html`,
  serverJson: (serverSlug: string) => `api/servers/${serverSlug}.json`,
  toolJson: (serverSlug: string, toolSlug: string) => `api/tools/${serverSlug}/${toolSlug}.json`,
  searchIndex: 'search-index.json',
  sitemap: 'sitemap.xml',
  css: 'assets/site.css',
  js: 'assets/site.js',
} as const;

/** The prefix that leads from a page back to the site root ("../../" for tools/a/b.html). */
export function rootOf(pagePath: string): string {
  let depth = 0;
  for (let i = pagePath.indexOf('/'); i >= 0; i = pagePath.indexOf('/', i + 1)) depth += 1;
  return depth === 0 ? '' : depth === 1 ? '../' : '../'.repeat(depth);
}
