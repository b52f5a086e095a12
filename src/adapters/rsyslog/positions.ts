/**
 * Offsets → 1-based line and column for the hand-written tokenizers of rsyslog and syslog-ng
 * configs. Line starts are computed once, so a position costs a binary search even on a file of a
 * million lines.
 */
import { redactSecrets } from '../../logs/secrets.js';
import type { Location } from '../../model/vocabulary.js';

export class LineIndex {
  private readonly starts: number[] = [0];

  /** `firstLine` shifts every line (a config text embedded at that line of another file). */
  constructor(
    text: string,
    private readonly path: string,
    private readonly firstLine = 1,
  ) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  locate(offset: number): Location {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { path: this.path, line: low + this.firstLine, column: offset - (this.starts[low] as number) + 1 };
  }
}

export { fileStart } from '../shipper-kit/location.js';

/** Input text quoted in a construct name or a message: secrets redacted, short, printable, one line. */
export function quoteShort(text: string, max = 60): string {
  const flat = redactSecrets(text.slice(0, max * 4)).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Whitespace (and the byte-order mark), without a regular expression per character. */
export function isBlank(c: string): boolean {
  const code = c.charCodeAt(0);
  return code === 32 || (code >= 9 && code <= 13) || code === 0xfeff || code === 0xa0 || code === 0x2028 || code === 0x2029 || (code > 0x7f && /\s/.test(c));
}
