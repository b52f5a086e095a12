/** The cursor the rsyslog and syslog-ng tokenizers move over a config text: characters, positions, problems. */
import type { Location } from '../../model/vocabulary.js';
import { LineIndex } from './positions.js';

export abstract class TextCursor {
  protected pos = 0;
  protected readonly lines: LineIndex;

  /** `firstLine` shifts every line (a config text embedded at that line of another file). */
  constructor(
    protected readonly text: string,
    path: string,
    private readonly report: { readonly problems: { at: Location; message: string }[] },
    firstLine = 1,
  ) {
    this.lines = new LineIndex(text, path, firstLine);
  }

  protected at(offset = this.pos): Location {
    return this.lines.locate(offset);
  }

  protected peek(ahead = 0): string {
    return this.text[this.pos + ahead] ?? '';
  }

  protected eof(): boolean {
    return this.pos >= this.text.length;
  }

  protected problem(message: string, offset = this.pos): void {
    this.report.problems.push({ at: this.at(offset), message });
  }

  /** Only blanks (or a byte-order mark) stand between the start of the line and `offset`. */
  protected atLineStart(offset = this.pos): boolean {
    for (let i = offset - 1; i >= 0; i--) {
      const c = this.text[i];
      if (c === '\n') return true;
      if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\uFEFF') return false;
    }
    return true;
  }
}

/** The character a backslash escape in a quoted string stands for (`\n`, `\t`, `\r`; any other is itself). */
export function unescapeChar(next: string): string {
  return next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
}
