/** Placeholder (issue 3): the gcp extractor. */
import { emptyExtraction } from '../../model/cloud.js';
import type { CloudExtractor } from '../../model/cloud.js';

export const GCP: CloudExtractor = {
  provider: 'gcp',
  name: 'gcp',
  extract: () => emptyExtraction(),
};
