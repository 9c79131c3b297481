// Directory pages as a discovery source: an awesome-list README rendered by GitHub, or a directory
// site's listing page. The page comes as text (a saved file) or is fetched from a URL; the layout is
// told or guessed (GitHub's markdown-body article means a README).
import { load } from 'cheerio';
import { candidateEvent, skippedEvent, type DiscoveryEvent } from './discovered-candidate.ts';
import { fetchWithRetry, type RetryOptions } from './fetch-with-retry.ts';
import { parseAwesomeList } from './parse-awesome-list.ts';
import { parseDirectoryPage } from './parse-directory-page.ts';

export type PageLayout = 'awesome-list' | 'directory';

export type HtmlDirectorySourceOptions = ({ html: string; pageUrl: string } | { url: string }) & {
  layout?: PageLayout | 'auto';
  limit?: number;
  retry?: RetryOptions;
};

/** Pages bigger than this are not directories we want to parse. */
const MAX_PAGE_BYTES = 20 * 1024 * 1024;

export async function* htmlDirectorySource(options: HtmlDirectorySourceOptions): AsyncGenerator<DiscoveryEvent> {
  let html: string;
  let pageUrl: string;
  if ('html' in options) {
    html = options.html;
    pageUrl = options.pageUrl;
  } else {
    pageUrl = options.url;
    const response = await fetchWithRetry(options.url, { ...options.retry, maxBodyBytes: MAX_PAGE_BYTES, headers: { accept: 'text/html' } });
    if (response.status === 404) {
      yield skippedEvent('html', options.url, 'HTTP 404');
      return;
    }
    html = response.text;
  }
  const layout = options.layout === undefined || options.layout === 'auto' ? detectLayout(html) : options.layout;
  const page = layout === 'awesome-list' ? parseAwesomeList(html, pageUrl) : parseDirectoryPage(html, pageUrl);
  for (const skipped of page.skipped) yield skippedEvent('html', skipped.ref, skipped.reason);
  let count = 0;
  for (const candidate of page.candidates) {
    yield candidateEvent(candidate);
    count += 1;
    if (options.limit !== undefined && count >= options.limit) return;
  }
}

export function detectLayout(html: string): PageLayout {
  const $ = load(html);
  return $('article.markdown-body').length > 0 ? 'awesome-list' : 'directory';
}
