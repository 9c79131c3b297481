// Content that acts when it is shown, opened or decoded, not when someone reads it: markup a client
// fetches as soon as it renders (a link's `ping`, a prefetch hint to a host built from the user's data,
// a meta refresh, an inline `srcdoc` document), a spreadsheet formula that sends cells to a URL when the
// file is opened, a `mailto:` link with a literal hidden recipient, and an order to decode a passage
// and do what it says. Each is a technique, whatever the words around it: honest descriptions link
// to pages and show formulas, but do not need a renderer or a spreadsheet to make a request for them.
import type { Feature } from './hostile-patterns.ts';

/** A template placeholder the caller's data fills in: `{account_id}`, `{{ user.email }}`, `${email}`. */
const PLACEHOLDER = String.raw`(?:\{\{?\s*[\w.$-]{1,60}\s*\}|\$\{[^}\n]{1,60}\})`;

export const RENDER_FEATURES: readonly Feature[] = [
  // `ping` exists only to report a click to a second host; an honest link has no use for it.
  { id: 'link-ping', words: ['ping'], needs: '<a', kind: 'markup_injection', weight: 3, message: "contains a link whose 'ping' attribute reports to another host",
    re: /<a\s[^>]{0,400}?\bping\s*=\s*["']?(?:https?:)?\/\//,
  },
  // A resource hint fetches on render; with the user's data in its host or path, the fetch is the message.
  { id: 'prefetch-beacon', words: ['prefetch', 'preconnect', 'prerender', 'preload'], needs: '<link', kind: 'markup_injection', weight: 3, message: "contains a prefetch hint whose address is built from the user's data",
    re: new RegExp(String.raw`<link\s(?=[^>]{0,400}?\b(?:dns-prefetch|prefetch|preconnect|prerender|preload)\b)[^>]{0,400}?\bhref\s*=\s*["']?[^"'\s>]*${PLACEHOLDER}`),
  },
  { id: 'meta-refresh', words: ['equiv'], needs: '<meta', kind: 'markup_injection', weight: 3, message: 'contains a meta refresh that sends the page elsewhere as soon as it renders',
    re: /<meta\s[^>]{0,200}?http-equiv\s*=\s*["']?refresh\b[^>]{0,200}?\burl\s*=/,
  },
  // `srcdoc` carries a whole document, scripts included, inside one attribute.
  { id: 'iframe-srcdoc', words: ['srcdoc'], needs: '<iframe', kind: 'markup_injection', weight: 3, message: 'contains an inline frame that carries its own document (srcdoc)',
    re: /<iframe\s[^>]{0,400}?\bsrcdoc\s*=/,
  },
  // "=IMAGE("https://…?d="&A2)": the URL is concatenated with cells, so opening the sheet sends them.
  { id: 'formula-request', words: ['image', 'webservice', 'importxml', 'importdata', 'importhtml', 'importfeed', 'hyperlink'], needs: '=', kind: 'secret_exfiltration', weight: 3, message: "contains a spreadsheet formula that sends the sheet's cells to a URL",
    re: /=\s*(?:image|webservice|import(?:xml|data|html|feed)|hyperlink)\s*\(\s*"+https?:\/\/[^"\n]{1,300}"+\s*&/,
  },
  // A cell that starts a program when the file is opened (dynamic data exchange).
  { id: 'formula-command', words: ['cmd', 'msexcel', 'powershell'], needs: '|', kind: 'unsafe_default', weight: 3, message: 'contains a spreadsheet formula that runs a command when the file is opened',
    re: /(?:^|[\s,;"'])[=+@-]\s*(?:cmd|msexcel|powershell)\s*'?\|/,
  },
  // A literal copy address; a placeholder (`bcc={bcc}`) is the user's own field.
  { id: 'mailto-hidden-recipient', words: ['mailto'], needs: 'mailto:', kind: 'secret_exfiltration', weight: 3, message: 'contains an email link that copies a hidden recipient (cc or bcc)',
    re: /\bmailto:[^\s"'<>]{0,300}?[?&](?:bcc|cc)=(?!\{|\$|%7b)[^\s&"'<>]{0,80}?(?:@|%40)/,
  },
  // "Decode this and follow it": whatever the passage says, the order is to obey text nobody can read here.
  { id: 'decode-and-follow', words: ['decod*'], kind: 'hidden_instruction', weight: 3, message: 'tells the model to decode a hidden passage and act on it',
    re: /\bdecod\w*\b[^.\n]{0,60}?\b(?:and|then)\s+(?:follow|obey|execute|carry out|act on|do what)\b|\b(?:follow|obey|execute|carry out|act on)\s+(?:the\s+)?(?:decoded|encoded|hidden)\s+(?:instructions?|steps?|notes?|text|messages?|commands?)\b/,
  },
];
