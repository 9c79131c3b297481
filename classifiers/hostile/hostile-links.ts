// Links whose visible text names one site while the target is another: "[docs.python.org/3/…](https://
// pydocs.page-redirect.io/go?u=…)". Honest descriptions link a name to its own page; a link that shows
// a domain it does not go to exists to be trusted by the reader. The same trick works in every link
// syntax a client renders: markdown, an HTML anchor, and a terminal hyperlink (OSC 8), whose target
// a terminal never shows.
import type { Hit } from './hostile-combos.ts';

const MARKDOWN_LINK = /\[([^\]\n]{1,200})\]\((https?:\/\/[^)\s]+)[^)\n]{0,100}\)/g;
const HTML_LINK = /<a\s[^>]{0,300}?\bhref\s*=\s*["']?(https?:\/\/[^"'\s>]+)[^>]{0,300}>([^<\n]{1,200})<\/a>/gi;
/** ESC ] 8 ; params ; target, ended by BEL or ESC \, then the shown text up to the closing ESC ] 8 ;;. */
// eslint-disable-next-line no-control-regex -- the escape and bell characters are what the syntax is made of
const TERMINAL_LINK = /\u001b\]8;[^;\u0007\u001b]*;(https?:\/\/[^\u0007\u001b\s]+)(?:\u0007|\u001b\\)([^\u001b\n]{1,200})\u001b\]8;;/g;
const SHOWN_DOMAIN = /\b((?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|gov|edu|co|ai|app)\b)/i;
const SHOWN_URL = /\bhttps?:\/\/[^\s)"'<>]+/i;

export function deceptiveLinkHits(text: string): Hit[] {
  const markdown = text.includes('](http');
  const html = text.includes('href');
  const terminal = text.includes('\u001b]8;');
  if (!markdown && !html && !terminal) return [];
  // Each syntax's regex captures the target and the shown text in its own order.
  const syntaxes: Array<[RegExp, 'target-first' | 'shown-first']> = [];
  if (markdown) syntaxes.push([MARKDOWN_LINK, 'shown-first']);
  if (html) syntaxes.push([HTML_LINK, 'target-first']);
  if (terminal) syntaxes.push([TERMINAL_LINK, 'target-first']);
  for (const [re, order] of syntaxes) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const [shownText, url] = order === 'shown-first' ? [m[1] ?? '', m[2] ?? ''] : [m[2] ?? '', m[1] ?? ''];
      const shown = shownHost(shownText);
      const target = hostOf(url);
      if (shown === undefined || target === undefined) continue;
      if (sameSite(shown, target)) continue;
      return [{ id: 'deceptive-link', kind: 'markup_injection', weight: 3, message: `a link shows ${shown} but goes to ${target}`, index: m.index, length: m[0].length }];
    }
  }
  return [];
}

/** The site a link's text shows: the host of a URL in it, else a domain name. */
function shownHost(shown: string): string | undefined {
  const url = SHOWN_URL.exec(shown)?.[0];
  if (url !== undefined) return hostOf(url);
  return SHOWN_DOMAIN.exec(shown)?.[1]?.toLowerCase();
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
/** Top-level domains a typo of .com lands on; .co is Colombia's, not a short .com (t.co names no brand). */
const SLIPPED_COM: ReadonlySet<string> = new Set(['co', 'cm', 'om', 'con', 'cmo', 'comm', 'corn', 'c0m']);
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
    // "id.atlassian.co": a brand under a top-level domain one slip away from .com.
    const tld = labels[labels.length - 1] ?? '';
    const owner = labels[labels.length - 2] ?? '';
    if (labels.length >= 2 && SLIPPED_COM.has(tld) && BRANDS.has(owner) && !WARNS.test(lower.slice(Math.max(0, m.index - 120), m.index + m[0].length + 120))) {
      return [{ id: 'lookalike-host', kind: 'markup_injection', weight: 3, message: `a URL host imitates ${owner}.com (${m[1] ?? ''})`, index: m.index, length: m[0].length }];
    }
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
