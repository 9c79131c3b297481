// Splits a tool name into lowercase word tokens. Tool names arrive in every convention at once:
// `github.create_issue`, `getUserById`, `repo-delete`, `fs/readFile`, `GetURLContent`.

/**
 * Lowercase word tokens, read in one pass: a run of digits, a run of lowercase letters (with the
 * capital before it), or a run of capitals (ending before a capital that starts a lowercase word:
 * URLContent → url, content). Anything else separates. The same pieces as splitting on
 * /[^A-Za-z0-9]+/ and matching /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g, without the regexes.
 */
export function tokenizeName(name: string): string[] {
  const tokens: string[] = [];
  // Names longer than this are not names; cap the work.
  const s = name.length > 200 ? name.slice(0, 200) : name;
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    let j = i + 1;
    if (isDigit(c)) {
      while (j < n && isDigit(s.charCodeAt(j))) j++;
      tokens.push(s.slice(i, j));
    } else if (isLower(c)) {
      while (j < n && isLower(s.charCodeAt(j))) j++;
      tokens.push(s.slice(i, j));
    } else if (isUpper(c)) {
      while (j < n && isUpper(s.charCodeAt(j))) j++;
      if (j < n && isLower(s.charCodeAt(j))) {
        // The last capital starts the lowercase word that follows.
        if (j - 1 > i) tokens.push(s.slice(i, j - 1).toLowerCase());
        const start = j - 1;
        while (j < n && isLower(s.charCodeAt(j))) j++;
        tokens.push(s.slice(start, j).toLowerCase());
      } else tokens.push(s.slice(i, j).toLowerCase());
    }
    i = j;
  }
  return tokens;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
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
