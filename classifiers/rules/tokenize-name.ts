// Splits a tool name into lowercase word tokens. Tool names arrive in every convention at once:
// `github.create_issue`, `getUserById`, `repo-delete`, `fs/readFile`, `GetURLContent`.

const SEPARATORS = /[^A-Za-z0-9]+/;
// An acronym run stops before a capital that starts a lowercase word (URLContent → URL, Content).
const CAMEL_PIECES = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;

export function tokenizeName(name: string): string[] {
  const tokens: string[] = [];
  // Names longer than this are not names; cap the work.
  const parts = name.slice(0, 200).split(SEPARATORS);
  for (const part of parts) {
    if (part.length === 0) continue;
    const pieces = part.match(CAMEL_PIECES);
    if (pieces === null) continue;
    for (const piece of pieces) tokens.push(piece.toLowerCase());
  }
  return tokens;
}

/**
 * Splits an all-lowercase glued word (`readfile`, `listdir`) at a known verb when the rest is a known
 * noun. Only used when a name is a single token, so ordinary words (`settings`) are left alone.
 */
export function splitGluedName(token: string, isVerb: (t: string) => boolean, isNoun: (t: string) => boolean): string[] {
  for (let cut = Math.min(token.length - 3, 9); cut >= 3; cut--) {
    const head = token.slice(0, cut);
    const rest = token.slice(cut);
    if (isVerb(head) && (isNoun(rest) || (head.length >= 5 && rest.length >= 4))) return [head, rest];
  }
  return [token];
}
