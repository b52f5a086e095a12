/** What the CLI needs from its process, so `run` can be called (and tested) in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour is on by default only then). */
  stdoutIsTTY: boolean;
  /** Whether stderr is a terminal (a progress line is drawn only then). */
  stderrIsTTY?: boolean;
  /** Milliseconds, for the progress line's timing; defaults to Date.now. */
  now?: () => number;
}
