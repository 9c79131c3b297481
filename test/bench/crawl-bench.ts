// Servers crawled per second on fixture stdio servers at concurrency 1, 4 and 8, and what isolation
// (user/network/PID namespaces) costs against a plain process group, measured in the same run.
import PQueue from 'p-queue';
import { crawlServer } from '../../crawlers/crawl-server.ts';
import { namespacesSupported } from '../../crawlers/transports/isolated-stdio-transport.ts';
import { fixtureCandidate, testCrawlOptions } from '../helpers/fixture-servers.ts';
import { peakRssMb, type BenchRow } from './bench-table.ts';

async function crawlMany(count: number, concurrency: number, isolate: boolean): Promise<{ seconds: number; failed: number }> {
  const queue = new PQueue({ concurrency });
  let failed = 0;
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    void queue.add(async () => {
      const result = await crawlServer(fixtureCandidate('good-server.mjs', { id: `bench-${i}` }), testCrawlOptions({ isolate }));
      if (result.status !== 'ok') failed += 1;
    });
  }
  await queue.onIdle();
  return { seconds: (performance.now() - started) / 1000, failed };
}

export async function benchCrawl(options: { servers?: number } = {}): Promise<BenchRow[]> {
  const count = options.servers ?? 24;
  const rows: BenchRow[] = [];
  const isolation = namespacesSupported();
  await crawlMany(2, 2, isolation); // warm the file cache
  let base: number | undefined;
  for (const concurrency of [1, 4, 8]) {
    const { seconds, failed } = await crawlMany(count, concurrency, isolation);
    if (failed > 0) throw new Error(`${failed} fixture crawls failed`);
    const perSecond = count / seconds;
    base ??= perSecond;
    rows.push({
      stage: `crawl fixture servers, concurrency ${concurrency}${isolation ? ', isolated' : ''}`,
      items: count,
      seconds,
      perSecond,
      peakRssMb: peakRssMb(),
      baseline: 'concurrency 1',
      ratio: perSecond / base,
    });
  }
  if (isolation) {
    const plain = await crawlMany(count, 4, false);
    const isolated = rows[1];
    rows.push({
      stage: 'crawl fixture servers, concurrency 4, no isolation',
      items: count,
      seconds: plain.seconds,
      perSecond: count / plain.seconds,
      peakRssMb: peakRssMb(),
      baseline: 'isolated, concurrency 4 (ratio = cost of isolation)',
      ...(isolated ? { ratio: count / plain.seconds / isolated.perSecond } : {}),
    });
  }
  return rows;
}
