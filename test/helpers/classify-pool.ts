// Rules classification on worker threads: the classifier is pure and CPU-bound (a few thousand tools
// per second per core), so at a million tools it is the pipeline's slowest stage and the one that
// scales with cores. Each worker returns the rows as one JSON string (`classificationRecords`), so
// the main thread only forwards it to the database. This file is both the pool and the worker.
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { classificationRecords } from '../../src/db/bulk-store.ts';
import type { ServerContext, ToolDefinition } from '../../src/types.ts';
import { classifyWithRules } from '../../classifiers/rules-classifier.ts';

export interface ClassifyItem {
  definitionHash: string;
  contextHash: string;
  context: ServerContext;
  tool: ToolDefinition;
}

interface Job {
  id: number;
  items: ClassifyItem[];
}

export interface ClassifyPool {
  readonly size: number;
  /** Classification rows for `insertClassificationRecords`. */
  classify(items: ClassifyItem[]): Promise<string>;
  close(): Promise<void>;
}

export function startClassifyPool(size = availableParallelism()): ClassifyPool {
  // Workers do not inherit tsx's loader hooks: register them before importing this (TypeScript) file.
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const workers = Array.from({ length: Math.max(1, size) }, () => new Worker(bootstrap, { eval: true, workerData: { role: 'classify-worker' } }));
  const idle = [...workers];
  const waiting: { resolve: (worker: Worker) => void; reject: (error: Error) => void }[] = [];
  const pending = new Map<number, { resolve: (records: string) => void; reject: (error: Error) => void }>();
  // A worker that fails (e.g. a classifier module that does not load) fails every job, now and later,
  // rather than leaving the caller waiting for an answer that never comes.
  let broken: Error | undefined;
  const fail = (error: Error) => {
    broken ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    for (const w of waiting.splice(0)) w.reject(error);
  };
  let nextId = 0;
  for (const worker of workers) {
    worker.on('message', (message: { id: number; records: string }) => {
      pending.get(message.id)?.resolve(message.records);
      pending.delete(message.id);
      const next = waiting.shift();
      if (next) next.resolve(worker);
      else idle.push(worker);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`classify worker exited with code ${code}`));
    });
  }
  const acquire = () => new Promise<Worker>((resolve, reject) => {
    if (broken) return reject(broken);
    const worker = idle.pop();
    if (worker) resolve(worker);
    else waiting.push({ resolve, reject });
  });
  return {
    size: workers.length,
    async classify(items) {
      const worker = await acquire();
      const id = nextId++;
      return new Promise<string>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, items } satisfies Job);
      });
    },
    async close() {
      broken ??= new Error('classify pool closed');
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === 'classify-worker') {
  parentPort?.on('message', (job: Job) => {
    const labelled = job.items.map((item) => ({
      definitionHash: item.definitionHash,
      contextHash: item.contextHash,
      classification: classifyWithRules(item.tool, item.context),
    }));
    parentPort?.postMessage({ id: job.id, records: classificationRecords(labelled) });
  });
}
