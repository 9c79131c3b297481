// Links whose visible text names one site while the target is another: "[docs.python.org/3/…](https://
// pydocs.page-redirect.io/go?u=…)". Honest descriptions link a name to its own page; a link that shows
// a domain it does not go to exists to be trusted by the reader.
import type { Hit } from './hostile-combos.ts';

const MARKDOWN_LINK = /\[([^\]\n]{1,200})\]\((https?:\/\/[^)\s]+)[^)\n]{0,100}\)/g;
const SHOWN_DOMAIN = /\b((?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|gov|edu|co|ai|app)\b)/i;

export function deceptiveLinkHits(text: string): Hit[] {
  if (!text.includes('](http')) return [];
  const hits: Hit[] = [];
  MARKDOWN_LINK.lastIndex = 0;
  for (let m = MARKDOWN_LINK.exec(text); m !== null; m = MARKDOWN_LINK.exec(text)) {
    const shown = SHOWN_DOMAIN.exec(m[1] ?? '')?.[1]?.toLowerCase();
    const target = hostOf(m[2] ?? '');
    if (shown === undefined || target === undefined) continue;
    if (sameSite(shown, target)) continue;
    hits.push({ id: 'deceptive-link', kind: 'markup_injection', weight: 3, message: `a link shows ${shown} but goes to ${target}`, index: m.index, length: m[0].length });
    break;
  }
  return hits;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The same site when one host is the other or a subdomain of it (docs.github.com and github.com). */
function sameSite(a: string, b: string): boolean {
  const strip = (h: string): string => h.replace(/^www\./, '');
  const x = strip(a);
  const y = strip(b);
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}

/** Sites whose sign-in, API or download hosts are worth imitating. */
const BRANDS: ReadonlySet<string> = new Set(['google', 'googleapis', 'gmail', 'youtube', 'microsoft', 'microsoftonline', 'outlook', 'office', 'azure', 'github', 'githubusercontent', 'gitlab', 'bitbucket', 'paypal', 'apple', 'icloud', 'amazon', 'amazonaws', 'stripe', 'slack', 'openai', 'anthropic', 'facebook', 'instagram', 'twitter', 'linkedin', 'dropbox', 'okta', 'auth0', 'cloudflare', 'npmjs', 'pypi', 'docker', 'atlassian', 'salesforce', 'shopify', 'notion', 'discord', 'telegram', 'whatsapp', 'hashicorp', 'vercel', 'netlify', 'heroku', 'digitalocean', 'coinbase', 'binance']);
const URL_HOST = /\bhttps?:\/\/(?:[^\s/@'"`<>]*@)?([a-z0-9.-]+)/g;
/** Digits and letter pairs that read as letters: goog1e, micr0soft, rnicrosoft, tvvitter. */
const LOOKS_LIKE: ReadonlyArray<[RegExp, string]> = [[/0/g, 'o'], [/1/g, 'l'], [/3/g, 'e'], [/4/g, 'a'], [/5/g, 's'], [/7/g, 't'], [/8/g, 'b'], [/rn/g, 'm'], [/vv/g, 'w']];
/** Words that show the text is warning about look-alikes, not using one. */
const WARNS = /\b(?:refus\w*|block\w*|reject\w*|den(?:y|ied|ies)|phish\w*|look-?alike\w*|typo-?squat\w*|spoof\w*|impersonat\w*|homoglyph\w*|malicious|fake)\b/;

/** A URL whose host imitates a well-known site by swapping letters for digits or look-alike pairs ("accounts.goog1e.com"). */
export function lookalikeHostHits(lower: string): Hit[] {
  if (!lower.includes('://')) return [];
  URL_HOST.lastIndex = 0;
  for (let m = URL_HOST.exec(lower); m !== null; m = URL_HOST.exec(lower)) {
    const labels = (m[1] ?? '').split('.');
    for (const label of labels.slice(0, -1)) {
      if (BRANDS.has(label)) continue;
      let folded = label;
      for (const [re, to] of LOOKS_LIKE) folded = folded.replace(re, to);
      const asI = folded.replace(/l/g, 'i'); // a 1 can stand for an i too
      const brand = BRANDS.has(folded) ? folded : BRANDS.has(asI) ? asI : undefined;
      if (brand === undefined || folded === label) continue;
      if (WARNS.test(lower.slice(Math.max(0, m.index - 120), m.index + m[0].length + 120))) continue;
      return [{ id: 'lookalike-host', kind: 'markup_injection', weight: 3, message: `a URL host imitates ${brand} (${m[1] ?? ''})`, index: m.index, length: m[0].length }];
    }
  }
  return [];
}
