/** Placeholder (issue 3): replaced by the cloudformation adapter. */
import type { ConfigAdapters } from './registry.js';

export const ADAPTERS: ConfigAdapters = { text: [], documents: [] };
