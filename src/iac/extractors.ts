/** Every cloud extractor, in the order their subjects are listed. */
import type { CloudExtractor } from '../model/cloud.js';
import { AWS_CORE } from './aws/core.js';
import { AWS_SERVICES } from './aws/services.js';
import { AZURE } from './azure/extract.js';
import { GCP } from './gcp/extract.js';

export const EXTRACTORS: readonly CloudExtractor[] = [AWS_CORE, AWS_SERVICES, GCP, AZURE];
