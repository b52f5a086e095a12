/** Worker thread entry of the block pool: reads one block or one whole file per request. */
import { statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { readBlockState, readWhole } from './read-log.js';
import type { PoolReply, PoolRequest } from './worker-pool.js';

const port = parentPort;
if (port) {
  port.on('message', (request: PoolRequest) => {
    // Everything, synchronous throws included (a file deleted meanwhile), comes back as a reply.
    const work = Promise.resolve().then((): Promise<unknown> =>
      request.kind === 'block'
        ? readBlockState(request.task.path, request.task.block, request.task.format, request.task.maxLineBytes, request.task.aliases)
        : readWhole(request.task.path, statSync(request.task.path).size, request.task.maxLineBytes, request.task),
    );
    work.then(
      (value) => port.postMessage({ id: request.id, ok: true, value } satisfies PoolReply),
      (error: unknown) =>
        port.postMessage({
          id: request.id,
          ok: false,
          error: error instanceof Error ? error.message : String(error),
          code: (error as NodeJS.ErrnoException).code ?? null,
        } satisfies PoolReply),
    );
  });
}
