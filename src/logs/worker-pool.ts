/**
 * A small pool of worker threads that read log files and blocks of large ones (--jobs N). Tasks
 * are plain data; results come back by structured cloning. The pool is closed by its owner when
 * the scan is done, so no thread outlives it.
 */
import { Worker } from 'node:worker_threads';
import type { AccumulatorState } from './event-stats.js';
import type { LogFormat } from './formats/types.js';
import type { UserAliases } from './field-aliases.js';
import type { LogReadResult, ReadSettings } from './read-log.js';
import type { Block } from './sample-plan.js';

/**
 * Tasks carry the read's settings (the user's field aliases, a declared format): small plain
 * data, cloned with each task; a worker compiles the aliases once and keeps them for later tasks.
 */
export interface BlockTask {
  path: string;
  block: Block;
  format: LogFormat;
  maxLineBytes: number;
  aliases?: UserAliases;
}

export interface WholeTask extends ReadSettings {
  path: string;
  maxLineBytes: number;
}

export type PoolRequest = { id: number; kind: 'block'; task: BlockTask } | { id: number; kind: 'whole'; task: WholeTask };
export type PoolReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string; code: string | null };

export interface BlockPool {
  readonly size: number;
  readBlock(task: BlockTask): Promise<AccumulatorState>;
  readWhole(task: WholeTask): Promise<LogReadResult>;
  close(): Promise<void>;
}

export function createBlockPool(size: number): BlockPool {
  const workers: Worker[] = [];
  const idle: Worker[] = [];
  const queue: { request: PoolRequest; resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; worker: Worker }>();
  let nextId = 0;
  let closing = false;

  function spawn(): Worker {
    // Bounded heaps keep each thread's memory near its working set: the reader allocates
    // short-lived strings at a high rate and holds little (a line, an element of at most 8 MiB,
    // bounded sets). A thread that still runs out fails its job, which becomes a file error.
    const worker = new Worker(new URL('./block-worker.js', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 } });
    worker.on('message', (reply: PoolReply) => {
      const job = pending.get(reply.id);
      if (!job) return;
      pending.delete(reply.id);
      if (reply.ok) job.resolve(reply.value);
      else job.reject(Object.assign(new Error(reply.error), reply.code ? { code: reply.code } : {}));
      idle.push(worker);
      pump();
    });
    // A worker that dies fails its job and leaves the pool; the next job starts a new one.
    const retire = (error: Error): void => {
      const index = workers.indexOf(worker);
      if (index !== -1) workers.splice(index, 1);
      const idleIndex = idle.indexOf(worker);
      if (idleIndex !== -1) idle.splice(idleIndex, 1);
      for (const [id, job] of pending) {
        if (job.worker === worker) {
          pending.delete(id);
          job.reject(error);
        }
      }
      if (!closing) pump();
    };
    worker.on('error', retire);
    worker.on('exit', (code) => retire(new Error(`log reader thread stopped (exit code ${code})`)));
    workers.push(worker);
    return worker;
  }

  function pump(): void {
    while (queue.length > 0) {
      const worker = idle.pop() ?? (workers.length < size ? spawn() : undefined);
      if (!worker) return;
      const job = queue.shift();
      if (!job) return;
      pending.set(job.request.id, { resolve: job.resolve, reject: job.reject, worker });
      worker.postMessage(job.request);
    }
  }

  function submit(request: PoolRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      queue.push({ request, resolve, reject });
      pump();
    });
  }

  return {
    size,
    readBlock: (task) => submit({ id: nextId++, kind: 'block', task }) as Promise<AccumulatorState>,
    readWhole: (task) => submit({ id: nextId++, kind: 'whole', task }) as Promise<LogReadResult>,
    close: async () => {
      closing = true;
      await Promise.all([...workers].map((w) => w.terminate()));
    },
  };
}
