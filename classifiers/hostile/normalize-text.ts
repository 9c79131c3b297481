// Undoes the tricks that hide text from a human reviewer but not from a model: Unicode tag
// characters (decoded to ASCII), zero-width binary (decoded), right-to-left overrides (un-reversed),
// stray zero-width characters (stripped) and look-alike letters (mapped to Latin). Hostile checks
// match the result, so an obfuscated instruction reads like a plain one.

export interface InvisibleReport {
  /** ASCII decoded from Unicode tag characters (U+E0020–E007E). */
  tagText: string;
  tagCount: number;
  /** Text decoded from runs of U+200B/U+200C used as binary digits. */
  binaryText: string;
  zeroWidthCount: number;
  /** Bidi overrides and embeddings (U+202A–U+202E). */
  bidiOverrideCount: number;
  /** Bidi isolates (U+2066–U+2069). */
  bidiIsolateCount: number;
  /** Left-to-right / right-to-left marks (U+200E/U+200F). */
  directionMarkCount: number;
  /** Words mixing Latin with Cyrillic or Greek look-alikes. */
  mixedScriptWords: number;
  /** The longest run of words written in styled mathematical letters (U+1D400–U+1D7FF: 𝗯𝗼𝗹𝗱, 𝘪𝘵𝘢𝘭𝘪𝘤, 𝚖𝚘𝚗𝚘). */
  styledRunWords: number;
  /** The first offending region, made visible. */
  sample: string;
}

export interface NormalizedText {
  /** What a model would effectively read, in original case. */
  text: string;
  invisible: InvisibleReport;
}

const NON_ASCII = /[\u007f-\uffff]/;
const ZW_BINARY = /[\u200b\u200c]{16,}/g;
// Latin look-alikes from Cyrillic and Greek: the letters used to dodge keyword filters.
const CONFUSABLES: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S',
  α: 'a', ο: 'o', ρ: 'p', ν: 'v', ι: 'i', κ: 'k', τ: 't', Α: 'A', Β: 'B', Ε: 'E', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N',
  Ο: 'O', Ρ: 'P', Τ: 'T', Χ: 'X', Υ: 'Y', Ζ: 'Z',
};
const CONFUSABLE_RE = /[аеорсухіјѕһԁԛԝАВЕКМНОРСТХІЈЅαορνικτΑΒΕΙΚΜΝΟΡΤΧΥΖ]/g;
const CONFUSABLE_CHAR = /[аеорсухіјѕһԁԛԝАВЕКМНОРСТХІЈЅαορνικτΑΒΕΙΚΜΝΟΡΤΧΥΖ]/;
/** Every character the loop in normalizeText acts on: tag characters (high surrogate U+DB40), bidi controls, zero-width and soft hyphen. */
const HIDING = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\udb40]/;
const MIXED_WORD = /[A-Za-z]*[аеорсухіјѕһԁԛԝАВЕКМНОРСТХІЈЅαορνικτΑΒΕΙΚΜΝΟΡΤΧΥΖ][A-Za-z\u0400-\u04ff\u0370-\u03ff]*/g;

const EMPTY: InvisibleReport = {
  tagText: '', tagCount: 0, binaryText: '', zeroWidthCount: 0, bidiOverrideCount: 0, bidiIsolateCount: 0,
  directionMarkCount: 0, mixedScriptWords: 0, styledRunWords: 0, sample: '',
};
/** A word of styled mathematical letters (surrogate pairs D835 DC00–DFFF), possibly with ASCII punctuation inside. */
const STYLED_WORD = /(?:\ud835[\udc00-\udfff])+(?:[.'/-](?:\ud835[\udc00-\udfff])+)*/g;
const STYLED_CHAR = /\ud835[\udc00-\udfff]/;

/** Words in a row written in styled letters, allowing plain spaces and punctuation between them. */
function longestStyledRun(text: string): number {
  let best = 0;
  let run = 0;
  let last = -1;
  for (const m of text.matchAll(STYLED_WORD)) {
    const between = last < 0 ? '' : text.slice(last, m.index);
    run = last >= 0 && /^[\s,.;:!?()'"-]*$/.test(between) ? run + 1 : 1;
    best = Math.max(best, run);
    last = m.index + m[0].length;
  }
  return best;
}

export function normalizeText(raw: string): NormalizedText {
  // Plain ASCII needs none of this; most descriptions take this path.
  if (!NON_ASCII.test(raw)) return { text: raw, invisible: EMPTY };
  const report: InvisibleReport = { ...EMPTY };
  let text = raw;

  // Zero-width binary first: the runs are decoded before single zero-width characters are stripped.
  text = text.replace(ZW_BINARY, (run) => {
    const decoded = decodeBinary(run);
    if (decoded === undefined) return run;
    report.binaryText += decoded;
    noteSample(report, run);
    return ` ${decoded} `;
  });

  // Styled letters read as plain words to a model but slip past word matching and a skimming reviewer:
  // fold them to ASCII (NFKC) so the phrase rules read them, and note the longest styled passage.
  if (STYLED_CHAR.test(text)) {
    report.styledRunWords = longestStyledRun(text);
    const at = text.search(STYLED_CHAR);
    // Whole surrogate pairs only: a cut pair would print as a lone escape.
    if (report.styledRunWords > 0) noteSample(report, text.slice(Math.max(0, at - 10), at + 60).replace(/[\ud800-\udbff]$/, ''));
    text = text.replace(STYLED_WORD, (word) => word.normalize('NFKC'));
  }

  // Non-ASCII text without any hiding character (accents, dashes, emoji) is copied as it is.
  let out = '';
  let tagRun = '';
  if (!HIDING.test(text)) out = text;
  else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0xdb40 && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdc7f) {
          const cp = 0xe0000 + (low - 0xdc00);
          report.tagCount++;
          if (cp >= 0xe0020 && cp <= 0xe007e) tagRun += String.fromCharCode(cp - 0xe0000);
          if (report.sample === '') report.sample = visible(text.slice(Math.max(0, i - 20), i + 40));
          i++;
          continue;
        }
      }
      if (tagRun !== '') {
        report.tagText += tagRun;
        out += ` ${tagRun} `;
        tagRun = '';
      }
      if (c === 0x202e) {
        // Right-to-left override: the stored order is reversed; what renders (and what a model may
        // reconstruct) is the reverse. Matching both orders is cheapest: append the reversed span.
        const end = text.indexOf('\u202c', i + 1);
        const span = text.slice(i + 1, end === -1 ? undefined : end);
        report.bidiOverrideCount++;
        noteSample(report, text.slice(i, i + 60));
        out += ` ${[...span].reverse().join('')} `;
        i = end === -1 ? text.length : end;
        continue;
      }
      if ((c >= 0x202a && c <= 0x202d)) {
        report.bidiOverrideCount++;
        noteSample(report, text.slice(i, i + 60));
        continue;
      }
      if (c >= 0x2066 && c <= 0x2069) {
        report.bidiIsolateCount++;
        noteSample(report, text.slice(i, i + 60));
        continue;
      }
      if (c === 0x200e || c === 0x200f) {
        report.directionMarkCount++;
        noteSample(report, text.slice(Math.max(0, i - 10), i + 30));
        continue;
      }
      if (c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff || c === 0x00ad || c === 0x180e) {
        // An emoji joiner and a leading byte-order mark are ordinary; everything else is hidden.
        const benignJoiner = c === 0x200d && isPictographic(text, i);
        const bom = c === 0xfeff && i === 0;
        if (!benignJoiner && !bom) {
          report.zeroWidthCount++;
          noteSample(report, text.slice(Math.max(0, i - 20), i + 20));
        }
        continue;
      }
      out += text[i];
    }
    if (tagRun !== '') {
      report.tagText += tagRun;
      out += ` ${tagRun} `;
    }
  }

  // Without a look-alike letter there is no mixed word and nothing to map.
  if (!CONFUSABLE_CHAR.test(out)) return { text: out, invisible: report };
  const mixed = out.match(MIXED_WORD);
  if (mixed !== null) {
    for (const word of mixed) {
      if (/[A-Za-z]/.test(word) && /[\u0370-\u03ff\u0400-\u04ff]/.test(word)) {
        report.mixedScriptWords++;
        noteSample(report, word);
      }
    }
  }
  // Map look-alikes only in words that mix scripts? Mapping everywhere is simpler and harmless:
  // a genuinely Cyrillic or Greek description never matches English attack phrases anyway.
  out = out.replace(CONFUSABLE_RE, (ch) => CONFUSABLES[ch] ?? ch);
  return { text: out, invisible: report };
}

function noteSample(report: InvisibleReport, s: string): void {
  if (report.sample === '') report.sample = visible(s);
}

function isPictographic(text: string, i: number): boolean {
  const before = text.codePointAt(i - 2) ?? text.codePointAt(i - 1) ?? 0;
  const after = text.codePointAt(i + 1) ?? 0;
  const pict = (cp: number): boolean => (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x2600 && cp <= 0x27bf) || (cp >= 0x1f3fb && cp <= 0x1f3ff) || cp === 0xfe0f;
  return pict(before) || pict(after) || pict(text.charCodeAt(i - 1));
}

function decodeBinary(run: string): string | undefined {
  const bits = run.length - (run.length % 8);
  if (bits < 16) return undefined;
  const bytes = new Uint8Array(bits / 8);
  for (let b = 0; b < bytes.length; b++) {
    let v = 0;
    for (let k = 0; k < 8; k++) v = (v << 1) | (run.charCodeAt(b * 8 + k) === 0x200c ? 1 : 0);
    bytes[b] = v;
  }
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  let printable = 0;
  for (const ch of decoded) if (/[\x20-\x7e\n\t]/.test(ch)) printable++;
  return printable >= decoded.length * 0.8 ? decoded : undefined;
}

/** The characters `visible` escapes (tag characters are U+E0000–E007F, a surrogate pair). */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const HIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]|\udb40[\udc00-\udc7f]/;

/** Invisible and control characters written as \u{XXXX} so a reviewer can see them. */
export function visible(s: string): string {
  // Most excerpts have nothing to escape: skip rebuilding them character by character.
  if (!HIDDEN.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const hidden =
      (cp < 0x20 && cp !== 0x0a) || cp === 0x7f || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
      (cp >= 0x2060 && cp <= 0x2069) || cp === 0xfeff || cp === 0x00ad || cp === 0x180e || (cp >= 0xe0000 && cp <= 0xe007f);
    out += hidden ? `\\u{${cp.toString(16).toUpperCase().padStart(4, '0')}}` : ch;
  }
  return out;
}
