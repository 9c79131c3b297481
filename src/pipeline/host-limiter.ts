// Remote servers that share a host share its capacity: at most N crawls of one host at once,
// whatever the run's overall concurrency. Stdio servers run locally and are not limited here.
import PQueue from 'p-queue';
import type { ServerCandidate } from '../types.ts';

export class HostLimiter {
  private readonly queues = new Map<string, PQueue>();

  constructor(private readonly perHost: number) {}

  run<T>(candidate: ServerCandidate, fn: () => Promise<T>): Promise<T> {
    const host = hostOf(candidate);
    if (host === undefined) return fn();
    let queue = this.queues.get(host);
    if (!queue) {
      queue = new PQueue({ concurrency: this.perHost });
      this.queues.set(host, queue);
    }
    return queue.add(fn) as Promise<T>;
  }
}

function hostOf(candidate: ServerCandidate): string | undefined {
  if (candidate.launch.transport === 'stdio' || !candidate.launch.url) return undefined;
  try {
    return new URL(candidate.launch.url).host.toLowerCase();
  } catch {
    return undefined;
  }
}
