/**
 * The contract of a config adapter (issue 4): one module per config kind claims files by name and
 * by a sniff of their content, parses them with a real grammar and returns a `ConfigRead`.
 * Adapters are pure: the only IO they may do is through `ReadContext.include`, which the scan
 * provides (bounded, inside the scanned tree only).
 */
import type { StructuredDocument } from '../documents/yaml-document.js';
import type { ConfigRead } from '../model/pipeline.js';

export interface TextFile {
  /** Posix path relative to the scan root. */
  path: string;
  text: string;
}

export interface IncludeResult {
  /** The scanned files the pattern names, sorted by path. */
  files: TextFile[];
  /** Why nothing (or not everything) could be included: not in the scanned tree, too large, ... */
  reason: string | null;
}

export interface ReadContext {
  /**
   * Scanned files named by an include (`@INCLUDE`, `$IncludeConfig`, `include()`, ...). A relative
   * pattern is taken from the including file's folder; an absolute one (`/etc/rsyslog.d/*.conf`)
   * is looked up under the host root of the including file (the folder that holds its `etc/`).
   */
  include(pattern: string, from: string): IncludeResult;
}

/** A config kind read from text (INI-like, TOML, a custom grammar). */
export interface TextAdapter {
  kind: string;
  /** Claims a file by its name and the first 64 KiB of its text. Must be cheap and never throw. */
  claims(path: string, head: string): boolean;
  read(file: TextFile, context: ReadContext): ConfigRead;
}

/**
 * A config kind whose parser is asynchronous (Terraform HCL, parsed by the WebAssembly build of
 * HashiCorp's own parser). Claims like a `TextAdapter`; the scan awaits its read.
 */
export interface AsyncTextAdapter {
  kind: string;
  claims(path: string, head: string): boolean;
  read(file: TextFile, context: ReadContext): Promise<ConfigRead>;
}

/** A config kind read from a YAML or JSON document (the scan parses it, with positions). */
export interface DocumentAdapter {
  kind: string;
  /** Claims a parsed document by its file name and content. Must be cheap and never throw. */
  claims(path: string, data: unknown): boolean;
  read(doc: StructuredDocument, context: ReadContext): ConfigRead;
}

/** Context for adapters read outside a scan (tests): no include resolves. */
export const NO_INCLUDES: ReadContext = {
  include: (pattern) => ({ files: [], reason: `${pattern}: includes are not resolved here` }),
};
