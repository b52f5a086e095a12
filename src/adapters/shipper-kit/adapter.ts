/** A text adapter whose claim never throws: a claim that fails on odd input declines the file. */
import type { ReadContext, TextAdapter, TextFile } from '../config-adapter.js';
import type { ConfigRead } from '../../model/pipeline.js';

export function neverThrowingTextAdapter(kind: string, claims: (path: string, head: string) => boolean, read: (file: TextFile, context: ReadContext) => ConfigRead): TextAdapter {
  return {
    kind,
    claims: (path, head) => {
      try {
        return claims(path, head);
      } catch {
        return false;
      }
    },
    read,
  };
}
