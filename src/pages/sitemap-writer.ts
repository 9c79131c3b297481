// sitemap.xml, streamed: a sitemap file may list at most 50,000 URLs, so a large catalog gets parts
// (sitemap-1.xml, …) and sitemap.xml becomes their index. Each part is written to a temporary file
// and committed only if it changed.
import { LineSpool } from './line-spool.ts';
import { SITEMAP_HEAD, SITEMAP_TAIL, sitemapUrl } from './render-json.ts';
import type { SiteFiles } from './site-files.ts';
import { sitePaths } from './site-paths.ts';

const URLS_PER_PART = 45_000;

export class SitemapWriter {
  private readonly parts: { name: string; tmp: string; spool: LineSpool }[] = [];
  private readonly baseUrl: string;

  constructor(private readonly files: SiteFiles, baseUrl: string) {
    this.baseUrl = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  }

  add(path: string): void {
    let part = this.parts[this.parts.length - 1];
    if (part === undefined || part.spool.count >= URLS_PER_PART) {
      const name = `sitemap-${this.parts.length + 1}.xml`;
      const tmp = this.files.tempPath(name);
      part = { name, tmp, spool: new LineSpool(tmp) };
      part.spool.write(SITEMAP_HEAD);
      this.parts.push(part);
    }
    part.spool.write(sitemapUrl(this.baseUrl, path));
    part.spool.count += 1;
  }

  /** Close and commit every part; returns the top-level file names produced. */
  finish(): string[] {
    for (const part of this.parts) {
      part.spool.write(SITEMAP_TAIL);
      part.spool.close();
    }
    const only = this.parts.length === 1 ? this.parts[0] : undefined;
    if (only !== undefined) {
      this.files.commit(sitePaths.sitemap, only.tmp);
      return [sitePaths.sitemap];
    }
    for (const part of this.parts) this.files.commit(part.name, part.tmp);
    const index =
      '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
      this.parts.map((p) => sitemapUrl(this.baseUrl, p.name).replace(/^<url>/, '<sitemap>').replace(/<\/url>\n$/, '</sitemap>\n')).join('') +
      '</sitemapindex>\n';
    this.files.write(sitePaths.sitemap, index);
    return [sitePaths.sitemap, ...this.parts.map((p) => p.name)];
  }
}
