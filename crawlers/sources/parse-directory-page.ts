// A directory site's listing page: a grid of server cards, each with a heading (the name), a
// paragraph (the description), links (the server's page, GitHub, npm) and often an install command
// in <code>. Sites differ in class names, so a card is found by shape, not by one site's classes:
// an <article>, <li> or element whose class mentions "card" that holds a heading, and that holds no
// other card (the innermost wins).
import { load } from 'cheerio';
import { npmLaunch, type DiscoveredCandidate, type LaunchOption } from './discovered-candidate.ts';
import { cleanText, githubRepoFromLink, npmNameFromLink, npmNamesFromCommands, remoteUrlsFromCommands } from './extract-package-refs.ts';
import type { ParsedPage } from './parse-awesome-list.ts';

// Block containers only: a link or a span whose class says "card-link" is a part of a card.
const CARD = ['article', 'li', 'div', 'section'].map((tag) => `${tag}:is(article, li, [class*="card"], [data-server], [data-testid*="server"])`).join(', ');
const HEADING = 'h1, h2, h3, h4, h5, [class*="title"], [class*="name"]';

export function parseDirectoryPage(html: string, pageUrl: string): ParsedPage {
  const $ = load(html);
  const out: ParsedPage = { candidates: [], skipped: [] };
  const cards = $(CARD)
    .toArray()
    .filter((el) => $(el).find(HEADING).length > 0 && $(el).find(CARD).filter((_, inner) => $(inner).find(HEADING).length > 0).length === 0);
  cards.forEach((card, index) => {
    const $card = $(card);
    const name = cleanText($card.find(HEADING).first().text(), 200);
    const ref = `${pageUrl}#card-${index + 1}`;
    if (name === '') {
      out.skipped.push({ ref, reason: 'card without a name' });
      return;
    }
    let repository: string | undefined;
    let npm: string | undefined;
    let detail: string | undefined;
    $card.find('a[href]').each((_, a) => {
      const href = $(a).attr('href') ?? '';
      repository ??= githubRepoFromLink(href);
      npm ??= npmNameFromLink(href);
      // The first link that leaves for no known host is the card's own page on the site.
      if (detail === undefined && !/github\.com|npmjs\.(com|org)/i.test(href) && !href.startsWith('#')) detail = resolve(href, pageUrl);
    });
    const commandText = [$card.find('code, pre').text(), $card.attr('data-install') ?? ''].join('\n');
    npm ??= npmNamesFromCommands(commandText)[0];
    const remote = remoteUrlsFromCommands(commandText)[0];
    if (repository === undefined && npm === undefined && remote === undefined) {
      out.skipped.push({ ref, reason: `"${name}": no GitHub repository or npm package on the card` });
      return;
    }
    const description = cleanText($card.find('p').first().text());
    const TAG = '[class*="tag"], [class*="category"], [class*="badge"]';
    // Leaf tags only: a "card-tags" box holds the tags, it is not one.
    const tags = [...new Set($card.find(TAG).filter((_, t) => $(t).find(TAG).length === 0).toArray().map((t) => cleanText($(t).text(), 60)).filter(Boolean))];
    const launches: LaunchOption[] = [];
    if (npm !== undefined) launches.push({ runtime: 'npm', launch: npmLaunch(npm), package: npm });
    if (remote !== undefined) launches.push({ runtime: 'remote', launch: { transport: 'streamable-http', url: remote, args: [], env: {} } });
    const candidate: DiscoveredCandidate = {
      name,
      runtime: launches[0]?.runtime ?? 'unknown',
      launches,
      notes: [],
      provenance: [{ source: 'html', ref, url: detail ?? pageUrl }],
    };
    if (description !== '') candidate.description = description;
    if (npm !== undefined) candidate.npmPackage = npm;
    if (repository !== undefined) candidate.repository = repository;
    if (remote !== undefined) candidate.remoteUrl = remote;
    if (tags.length > 0) candidate.category = tags.join(', ');
    out.candidates.push(candidate);
  });
  return out;
}

function resolve(href: string, base: string): string {
  try {
    return new URL(href, base).toString();
  } catch {
    return base;
  }
}
