// PLACEHOLDER until the SIP.js backend lands (issue 3): replaced by the real implementation.
import { OzError } from '../core/errors';
import type { OzClientOptions } from '../core/options';
import type { PbxBackend } from '../core/ports';

export function createSipBackend(_options: OzClientOptions): PbxBackend {
  throw new OzError('NOT_SUPPORTED', 'The SIP backend is not available in this build yet');
}
