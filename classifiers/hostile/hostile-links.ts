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
