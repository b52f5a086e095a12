/** Placeholder (issue 3): the azure extractor. */
import { emptyExtraction } from '../../model/cloud.js';
import type { CloudExtractor } from '../../model/cloud.js';

export const AZURE: CloudExtractor = {
  provider: 'azure',
  name: 'azure',
  extract: () => emptyExtraction(),
};
