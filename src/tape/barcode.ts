// Barcode and barcode-prefix rules of virtual tapes (CreateTapes' TapeBarcodePrefix and CreateTapeWithBarcode's TapeBarcode).
import { TAPE_GATEWAY_LIMITS } from './limits';

/** Model pattern of TapeBarcode; the length is checked separately (5-16). */
export const BARCODE_PATTERN = /^[A-Z0-9]*$/;
/** Model pattern of TapeBarcodePrefix; the length is checked separately (1-4). */
export const BARCODE_PREFIX_PATTERN = /^[A-Z]*$/;

export function isValidBarcode(barcode: string): boolean {
  return barcode.length >= TAPE_GATEWAY_LIMITS.minBarcodeLength && barcode.length <= TAPE_GATEWAY_LIMITS.maxBarcodeLength && BARCODE_PATTERN.test(barcode);
}

export function isValidBarcodePrefix(prefix: string): boolean {
  return prefix.length >= TAPE_GATEWAY_LIMITS.minBarcodePrefixLength && prefix.length <= TAPE_GATEWAY_LIMITS.maxBarcodePrefixLength && BARCODE_PREFIX_PATTERN.test(prefix);
}

/** A sentence saying what is wrong with a barcode, or undefined when it is valid. */
export function barcodeProblem(barcode: string): string | undefined {
  if (isValidBarcode(barcode)) return undefined;
  return `A barcode has ${TAPE_GATEWAY_LIMITS.minBarcodeLength} to ${TAPE_GATEWAY_LIMITS.maxBarcodeLength} characters, upper-case letters A-Z and digits 0-9 only.`;
}

/** A sentence saying what is wrong with a barcode prefix, or undefined when it is valid. */
export function barcodePrefixProblem(prefix: string): string | undefined {
  if (isValidBarcodePrefix(prefix)) return undefined;
  return `A barcode prefix has ${TAPE_GATEWAY_LIMITS.minBarcodePrefixLength} to ${TAPE_GATEWAY_LIMITS.maxBarcodePrefixLength} upper-case letters A-Z.`;
}

/** CreateTapes barcodes: the prefix and 6 upper-case hex digits, e.g. TEST38A29D. */
export function generatedBarcode(prefix: string, randomHex: string): string {
  return `${prefix}${randomHex.toUpperCase().slice(0, TAPE_GATEWAY_LIMITS.generatedBarcodeSuffixLength)}`;
}
