// Sums evidence by signal so the decision rules can ask "how strongly do we believe X" cheaply.
import type { Evidence, EvidenceSource } from './classifier.ts';

export class EvidenceIndex {
  private readonly totals = new Map<string, number>();
  // One small map per source rather than concatenated keys: no string building per item.
  private readonly bySource = new Map<EvidenceSource, Map<string, number>>();

  constructor(readonly items: readonly Evidence[]) {
    for (const e of items) {
      this.totals.set(e.signal, (this.totals.get(e.signal) ?? 0) + e.weight);
      let m = this.bySource.get(e.source);
      if (m === undefined) {
        m = new Map();
        this.bySource.set(e.source, m);
      }
      m.set(e.signal, (m.get(e.signal) ?? 0) + e.weight);
    }
  }

  has(signal: string): boolean {
    return this.totals.has(signal);
  }

  weight(signal: string): number {
    return this.totals.get(signal) ?? 0;
  }

  from(source: EvidenceSource, signal: string): number {
    return this.bySource.get(source)?.get(signal) ?? 0;
  }

  hasAny(...signals: string[]): boolean {
    for (const s of signals) if (this.totals.has(s)) return true;
    return false;
  }

  /** The strongest item carrying one of the signals, to cite in the rationale. */
  strongest(...signals: string[]): Evidence | undefined {
    let best: Evidence | undefined;
    for (const e of this.items) {
      if (!signals.includes(e.signal)) continue;
      if (best === undefined || e.weight > best.weight) best = e;
    }
    return best;
  }
}
