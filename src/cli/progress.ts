/**
 * A progress line on stderr for scans that take more than a moment. It is only ever drawn on a
 * terminal, so logs and CI output stay clean; it waits `delayMs` before drawing anything, redraws
 * at most every `intervalMs`, and clears its line before the report is printed.
 */
export interface ProgressSink {
  write(text: string): void;
  now(): number;
}

export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

export const SILENT_PROGRESS: Progress = { update: () => undefined, finish: () => undefined };

export function terminalProgress(sink: ProgressSink, delayMs = 500, intervalMs = 100): Progress {
  const started = sink.now();
  let last = -Infinity;
  let drawn = false;
  return {
    update(done, total) {
      const now = sink.now();
      if (now - started < delayMs || (now - last < intervalMs && done < total)) return;
      last = now;
      drawn = true;
      sink.write(`\r\u001b[2Kztmm: reading files ${done}/${total}`);
    },
    finish() {
      if (drawn) sink.write('\r\u001b[2K');
      drawn = false;
    },
  };
}
