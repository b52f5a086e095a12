/** Placeholder (issue 3): the aws-services extractor. */
import { emptyExtraction } from '../../model/cloud.js';
import type { CloudExtractor } from '../../model/cloud.js';

export const AWS_SERVICES: CloudExtractor = {
  provider: 'aws',
  name: 'aws-services',
  extract: () => emptyExtraction(),
};
