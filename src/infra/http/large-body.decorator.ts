import { SetMetadata } from '@nestjs/common';

export const LARGE_BODY = 'http:large-body';

/**
 * The route takes bodies up to BODY_LIMIT_BYTES (5 MiB by default): imports and platform batches.
 * Every other route takes at most SMALL_BODY_LIMIT_BYTES, so no route reads more than it needs.
 */
export const LargeBody = () => SetMetadata(LARGE_BODY, true);
