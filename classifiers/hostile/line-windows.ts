// Where in a long text a phrase rule needs to look: the lines around its trigger words. A rule's
// regex then reads a few lines per trigger instead of the whole text, so the cost of a long
// description (a 30 kB manual, a schema with hundreds of described fields) no longer grows with
// (rules × length). Matches are assumed to span at most three lines (the trigger's line and one
// either side): the phrases are sentence-sized, and hard-wrapped sentences are already joined.

/** Below this length the whole text is one window: splitting would cost more than it saves. */
const MIN_SPLIT_LENGTH = 2_000;
/** When the windows would cover this share of the text, read the whole text instead. */
const WHOLE_TEXT_SHARE = 0.5;

/**
 * Whether a regex can match across many lines: `[\s\S]`, or a negated class that lets a newline
 * through repeated without a small bound (`[^>]{0,400}`, `[^<]*`). Such a rule reads the whole text.
 */
const LINE_SPANNING = /\[\\s\\S\]|\[\^(?:(?!\\n)[^\]\\]|\\[^n])*\](?:[*+]|\{\d*,\d{3,}\}|\{\d*,\})/;

export function spansLines(re: RegExp): boolean {
  return LINE_SPANNING.test(re.source);
}

export type Window = readonly [start: number, end: number];

export class LineWindows {
  /** Offset where each line starts, ascending; line k ends where line k + 1 starts. */
  private readonly starts: number[] = [0];
  readonly whole: readonly Window[];

  constructor(readonly text: string) {
    this.whole = [[0, text.length]];
    if (text.length < MIN_SPLIT_LENGTH) return;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** Whether the text is long enough, and has lines enough, to be read in windows. */
  get split(): boolean {
    return this.starts.length >= 4;
  }

  /** The merged windows around these offsets (any order); the whole text when they would cover most of it, or when no offsets are given. */
  around(offsets: readonly number[] | undefined): readonly Window[] {
    const starts = this.starts;
    if (offsets === undefined || !this.split) return this.whole;
    const lines: number[] = [];
    for (const at of offsets) lines.push(this.lineOf(at));
    lines.sort((a, b) => a - b);
    const out: Array<[number, number]> = [];
    let covered = 0;
    for (const line of lines) {
      const start = starts[Math.max(0, line - 1)] ?? 0;
      const end = line + 2 < starts.length ? (starts[line + 2] ?? this.text.length) : this.text.length;
      const last = out[out.length - 1];
      if (last !== undefined && start <= last[1]) {
        covered += Math.max(0, end - last[1]);
        last[1] = Math.max(last[1], end);
      } else {
        out.push([start, end]);
        covered += end - start;
      }
      if (covered > this.text.length * WHOLE_TEXT_SHARE) return this.whole;
    }
    return out;
  }

  private lineOf(at: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
