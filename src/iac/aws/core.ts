/** Placeholder (issue 3): the aws-core extractor. */
import { emptyExtraction } from '../../model/cloud.js';
import type { CloudExtractor } from '../../model/cloud.js';

export const AWS_CORE: CloudExtractor = {
  provider: 'aws',
  name: 'aws-core',
  extract: () => emptyExtraction(),
};
