// `mtx inquiry` output: formatter and parser (format FROM SOURCE mtx.c:437-481; fields keep their fixed-width padding).

import { PeripheralType, ScsiIdentity, padInquiryField } from './scsiIdentity';

export function formatMtxInquiry(identity: ScsiIdentity): string {
  return [
    `Product Type: ${identity.peripheralType}`,
    `Vendor ID: '${padInquiryField(identity.vendor, 8)}'`,
    `Product ID: '${padInquiryField(identity.product, 16)}'`,
    `Revision: '${padInquiryField(identity.revision, 4)}'`,
    'Attached Changer API: No',
    '',
  ].join('\n');
}

/** Reads `mtx inquiry` output; vendor and product come back without their padding. */
export function parseMtxInquiry(text: string): ScsiIdentity | undefined {
  const field = (label: string, quoted: boolean): string | undefined => {
    const pattern = quoted ? new RegExp(`^${label}: '([^']*)'`, 'm') : new RegExp(`^${label}: (.*)$`, 'm');
    return pattern.exec(text)?.[1];
  };
  const type = field('Product Type', false)?.trim();
  const vendor = field('Vendor ID', true);
  const product = field('Product ID', true);
  const revision = field('Revision', true);
  if (type === undefined || vendor === undefined || product === undefined || revision === undefined) return undefined;
  if (type !== 'Medium Changer' && type !== 'Tape Drive') return undefined;
  return { peripheralType: type as PeripheralType, vendor: vendor.trimEnd(), product: product.trimEnd(), revision: revision.trimEnd() };
}
