// Constraints of the members Storage Gateway operations share (from botocore's storagegateway service model).
import { BARCODE_PATTERN, BARCODE_PREFIX_PATTERN } from '../../../tape/barcode';
import { TAPE_GATEWAY_LIMITS } from '../../../tape/limits';
import { TAPE_ARN_PATTERN } from '../../../tape/arns';
import { integer, list, optional, required, str, struct, type Field, type Rule } from './validation';

export const arnRule = str({ min: 50, max: 500 });
export const tapeArnRule = str({ min: 50, max: 500, pattern: TAPE_ARN_PATTERN });
export const GATEWAY_ARN: Field = required(arnRule);
export const TAPE_ARN: Field = required(tapeArnRule);
export const MARKER: Field = optional(str({ min: 1, max: 1000 }));
export const LIMIT: Field = optional(integer({ min: 1 }));

/** Printable ASCII without "/" and "\", not only spaces (GatewayName, PoolName). */
export const NAME_PATTERN = /^[ -.0-[\]-~]*[!-.0-[\]-~][ -.0-[\]-~]*$/;
export const TIMEZONE_RULE = str({ min: 3, max: 10 });

export const TAG_KEY_RULE: Rule = str({ min: 1, max: 128, pattern: /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u });
export const TAG_RULE: Rule = struct({
  Key: required(TAG_KEY_RULE),
  Value: required(str({ max: 256 })),
});
export const TAGS: Field = optional(list(TAG_RULE, { max: TAPE_GATEWAY_LIMITS.maxTagsPerResource }));

export const BARCODE_RULE = str({ min: TAPE_GATEWAY_LIMITS.minBarcodeLength, max: TAPE_GATEWAY_LIMITS.maxBarcodeLength, pattern: BARCODE_PATTERN });
export const BARCODE_PREFIX_RULE = str({ min: TAPE_GATEWAY_LIMITS.minBarcodePrefixLength, max: TAPE_GATEWAY_LIMITS.maxBarcodePrefixLength, pattern: BARCODE_PREFIX_PATTERN });
export const KMS_KEY_RULE = str({ min: 7, max: 2048, pattern: /^(^arn:(aws(|-cn|-us-gov|-iso[A-Za-z0-9_-]*)):kms:([a-zA-Z0-9-]+):([0-9]+):(key|alias)\/(\S+)$)|(^alias\/(\S+)$)$/ });
export const POOL_ID_RULE = str({ min: 1, max: 100 });

export interface TagInput {
  Key: string;
  Value: string;
}

export interface PageInput {
  Marker?: string;
  Limit?: number;
}
