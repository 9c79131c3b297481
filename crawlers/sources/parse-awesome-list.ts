// An awesome-list README as GitHub renders it: <article class="markdown-body"> with <h2>/<h3>
// headings (wrapped in <div class="markdown-heading"> on current GitHub) and list items of the form
// <li><a href="https://github.com/owner/repo">name</a> 📇 ☁️ - description</li>.
// Table-of-contents items (links to #anchors) and items without a repository or npm link are skipped.
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { DiscoveredCandidate } from './discovered-candidate.ts';
import { cleanText, githubRepoFromLink, npmNameFromLink, npmNamesFromCommands } from './extract-package-refs.ts';
import { npmLaunch } from './discovered-candidate.ts';

export interface ParsedPage {
  candidates: DiscoveredCandidate[];
  skipped: { ref: string; reason: string }[];
}

export function parseAwesomeList(html: string, pageUrl: string): ParsedPage {
  const $ = load(html);
  const root = $('article.markdown-body').first();
  const scope = root.length > 0 ? root : $('body');
  const out: ParsedPage = { candidates: [], skipped: [] };
  let category: string | undefined;
  let itemIndex = 0;
  scope.find('h1, h2, h3, h4, li').each((_, el) => {
    if (el.tagName !== 'li') {
      category = cleanText($(el).text(), 120) || undefined;
      return;
    }
    itemIndex += 1;
    const ref = `${pageUrl}#item-${itemIndex}`;
    const item = parseItem($, el, pageUrl, ref, category);
    if (item === 'toc') return;
    if (typeof item === 'string') out.skipped.push({ ref, reason: item });
    else out.candidates.push(item);
  });
  return out;
}

function parseItem($: CheerioAPI, li: Element, pageUrl: string, ref: string, category: string | undefined): DiscoveredCandidate | string | 'toc' {
  // The item's own content: nested lists are items of their own.
  const own = $(li).clone();
  own.find('ul, ol').remove();
  const links = own.find('a[href]').toArray();
  const first = links[0];
  if (first === undefined) return 'no link';
  const firstHref = $(first).attr('href') ?? '';
  if (firstHref.startsWith('#')) return 'toc';
  const name = cleanText($(first).text(), 200);
  if (name === '') return 'empty link text';

  let repository: string | undefined;
  let npm: string | undefined;
  for (const a of links) {
    const href = $(a).attr('href') ?? '';
    repository ??= githubRepoFromLink(href);
    npm ??= npmNameFromLink(href);
  }
  npm ??= npmNamesFromCommands(own.find('code').text())[0];
  if (repository === undefined && npm === undefined) return `"${name}": no GitHub repository or npm link`;

  // Install commands are not description; emoji badges and the " - " separator lead it.
  own.find('code, pre').remove();
  const description = cleanText(textAfter($, own.toArray()[0], first))
    .replace(/^[^\p{L}\p{N}]*?[-–—:]\s+/u, '')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .trim();
  const candidate: DiscoveredCandidate = {
    name,
    runtime: npm !== undefined ? 'npm' : 'unknown',
    launches: npm !== undefined ? [{ runtime: 'npm', launch: npmLaunch(npm), package: npm }] : [],
    notes: [],
    provenance: [{ source: 'html', ref, url: absolute(firstHref, pageUrl) }],
  };
  if (description !== '') candidate.description = description;
  if (npm !== undefined) candidate.npmPackage = npm;
  if (repository !== undefined) candidate.repository = repository;
  if (category !== undefined) candidate.category = category;
  return candidate;
}

/** The item's text after its first link: that is where "- description" lives. */
function textAfter($: CheerioAPI, li: AnyNode | undefined, link: Element): string {
  if (li === undefined) return '';
  const full = $(li).text();
  const linkText = $(link).text();
  const at = full.indexOf(linkText);
  return at >= 0 ? full.slice(at + linkText.length) : full;
}

function absolute(href: string, base: string): string {
  try {
    return new URL(href, base).toString();
  } catch {
    return base;
  }
}
