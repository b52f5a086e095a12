/**
 * Whether the text report is coloured, as users of other command-line tools expect:
 * `--no-color` always wins; then FORCE_COLOR (`0`/`false` off, anything else on, even when
 * piped — it takes precedence over NO_COLOR, as in Node.js itself); then NO_COLOR set to a
 * non-empty value (no-color.org) or TERM=dumb turns colour off; otherwise colour only when the
 * report goes to a terminal. Reports written to a file with `--output` are never coloured.
 */
export interface ColorInputs {
  /** false with --no-color. */
  flag: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** The report goes to stdout and stdout is a terminal. */
  toTerminal: boolean;
  /** The report goes to a file. */
  toFile: boolean;
}

export function useColor(inputs: ColorInputs): boolean {
  if (!inputs.flag || inputs.toFile) return false;
  const force = inputs.env.FORCE_COLOR;
  if (force !== undefined) {
    const value = force.trim().toLowerCase();
    return value !== '0' && value !== 'false';
  }
  if ((inputs.env.NO_COLOR ?? '') !== '') return false;
  if (inputs.env.TERM === 'dumb') return false;
  return inputs.toTerminal;
}
