/**
 * Decides how a file is read, from its name and a sniff of its head (pure). Structured files
 * (YAML/JSON) are parsed whole and handed to the document adapters; log files are streamed.
 */
export type FileClass =
  | { read: 'structured' }
  | { read: 'log' }
  | { read: 'skip'; reason: string };

/** Config files above this size are skipped (logs are streamed at any size). */
export const MAX_STRUCTURED_BYTES = 8 * 1024 * 1024;
export const SNIFF_BYTES = 8192;

const STRUCTURED_EXT = /\.(ya?ml|json)$/i;
const LOG_NAME = /(\.(log|jsonl|ndjson)(\.\d+)?|\.log-\d+)$/i;

export interface Head {
  /** The first bytes of the file. */
  bytes: Buffer;
  size: number;
}

export function isBinary(head: Buffer): boolean {
  return head.includes(0);
}

function firstObjectLines(text: string): number {
  let count = 0;
  for (const raw of text.split('\n').slice(0, 3)) {
    const line = raw.trim();
    if (line === '') continue;
    if (!line.startsWith('{') || !line.endsWith('}')) return count;
    try {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return count;
      count++;
    } catch {
      return count;
    }
  }
  return count;
}

export function classifyFile(path: string, head: Head): FileClass {
  if (/\.(gz|zst|bz2|xz|zip|tgz)$/i.test(path)) return { read: 'skip', reason: 'compressed file (not read by this version)' };
  if (isBinary(head.bytes)) return { read: 'skip', reason: 'binary file' };
  const text = head.bytes.toString('utf8');
  if (LOG_NAME.test(path)) return { read: 'log' };
  if (STRUCTURED_EXT.test(path)) {
    // A .json file holding one JSON object per line is a log, not a document.
    if (/\.json$/i.test(path) && firstObjectLines(text) >= 2) return { read: 'log' };
    if (head.size > MAX_STRUCTURED_BYTES) {
      return { read: 'skip', reason: `too large for a config file (${head.size} bytes > ${MAX_STRUCTURED_BYTES})` };
    }
    return { read: 'structured' };
  }
  if (firstObjectLines(text) >= 1) return { read: 'log' };
  const yamlObject = /^apiVersion:\s*\S/m.test(text) && /^kind:\s*\S/m.test(text);
  const jsonObject = /^\s*\{/.test(text) && /"apiVersion"\s*:/.test(text) && /"kind"\s*:/.test(text);
  if ((yamlObject || jsonObject) && head.size <= MAX_STRUCTURED_BYTES) return { read: 'structured' };
  return { read: 'skip', reason: 'not recognised' };
}
