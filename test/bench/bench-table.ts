// The shape every benchmark returns and the table `npm run bench` prints.
export interface BenchRow {
  stage: string;
  items: number;
  seconds: number;
  perSecond: number;
  peakRssMb: number;
  p50Ms?: number;
  p99Ms?: number;
  /** What the ratio compares against, measured in the same run. */
  baseline?: string;
  /** This row's rate divided by the baseline's (or the baseline's time over this one's). */
  ratio?: number;
}

/** Peak RSS of this process so far, in MB (resource usage, so short spikes count too). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['stage', 'items', 'seconds', 'per second', 'p50 ms', 'p99 ms', 'peak RSS MB', 'ratio', 'baseline'];
  const body = rows.map((r) => [
    r.stage,
    String(r.items),
    r.seconds.toFixed(2),
    r.perSecond >= 100 ? Math.round(r.perSecond).toLocaleString('en-US') : r.perSecond.toFixed(2),
    r.p50Ms === undefined ? '' : r.p50Ms.toFixed(3),
    r.p99Ms === undefined ? '' : r.p99Ms.toFixed(3),
    String(r.peakRssMb),
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
    r.baseline ?? '',
  ]);
  const lines = [header, header.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`);
  return lines.join('\n');
}
