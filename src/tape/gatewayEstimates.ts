// Tape gateway on EC2: hourly cost estimate and disk-size check against AWS's documented minimums (150 GiB cache and upload buffer).

/** us-east-1 on-demand rates per hour: from AWS's public EC2 on-demand price list. */
export const HOURLY_INSTANCE_RATES_USD: Readonly<Record<string, number>> = {
  'm5.xlarge': 0.192,
  'm5a.xlarge': 0.172,
  'm6i.xlarge': 0.192,
  'm5.2xlarge': 0.384,
  'm6i.2xlarge': 0.384,
  't4g.nano': 0.0042,
  't4g.micro': 0.0084,
  't4g.small': 0.0168,
  't4g.medium': 0.0336,
};
/** gp3 EBS, per GB-month, and the hours in a billing month. */
export const GP3_USD_PER_GB_MONTH = 0.08;
export const HOURS_PER_MONTH = 730;
/** The gateway AMI's own root disk. */
export const GATEWAY_ROOT_DISK_GIB = 80;
/** Cache and upload buffer: AWS's minimum is 150 GiB; its EC2 launch page asks 165 GiB for one or the other, so use 165 for both. */
const GATEWAY_DISK_MINIMUM_GIB = 150;
const GATEWAY_DISK_RECOMMENDED_GIB = 165;
/** What the whole lab stack costs idle (gateway, client, 3–4 interface endpoints, disks), us-east-1. */
export const STACK_IDLE_USD_PER_HOUR = { low: 0.27, high: 0.29 } as const;

interface GatewayCostEstimate {
  /** Undefined when no rate is on file for the instance type. */
  readonly instanceUsdPerHour: number | undefined;
  readonly diskGiB: number;
  readonly diskUsdPerHour: number;
  readonly totalUsdPerHour: number | undefined;
}

/** Instance plus its gp3 disks (the AMI's 80 GiB root and the extra disks given). */
export function estimateGatewayHourlyCost(instanceType: string | undefined, extraDiskSizesGiB: readonly number[]): GatewayCostEstimate {
  const diskGiB = GATEWAY_ROOT_DISK_GIB + extraDiskSizesGiB.reduce((sum, size) => sum + size, 0);
  const diskUsdPerHour = (diskGiB * GP3_USD_PER_GB_MONTH) / HOURS_PER_MONTH;
  const instanceUsdPerHour = instanceType === undefined ? undefined : HOURLY_INSTANCE_RATES_USD[instanceType];
  return { instanceUsdPerHour, diskGiB, diskUsdPerHour, totalUsdPerHour: instanceUsdPerHour === undefined ? undefined : instanceUsdPerHour + diskUsdPerHour };
}

export type DiskCheckVerdict = 'ok' | 'belowRecommended' | 'belowMinimum' | 'missingDisks' | 'unknown';

interface DiskCheck {
  readonly verdict: DiskCheckVerdict;
  /** One sentence for the CodeLens title. */
  readonly summary: string;
}

/** Checks the gateway's extra disks (cache and upload buffer); undefined sizes are chosen at deploy time. */
export function checkGatewayDisks(sizesGiB: readonly (number | undefined)[]): DiskCheck {
  if (sizesGiB.length < 2) {
    return { verdict: 'missingDisks', summary: `A tape gateway needs a cache disk and an upload buffer disk (at least 2 besides the root disk); this instance has ${sizesGiB.length}.` };
  }
  if (sizesGiB.some((size) => size === undefined)) return { verdict: 'unknown', summary: `Disk sizes are chosen at deploy time; give each at least ${GATEWAY_DISK_RECOMMENDED_GIB} GiB (AWS's minimum is ${GATEWAY_DISK_MINIMUM_GIB} GiB).` };
  const sizes = sizesGiB as number[];
  const listed = sizes.map((size) => `${size}`).join(' + ');
  if (sizes.some((size) => size < GATEWAY_DISK_MINIMUM_GIB)) {
    return { verdict: 'belowMinimum', summary: `Disks ${listed} GiB: below AWS's ${GATEWAY_DISK_MINIMUM_GIB} GiB minimum for cache and upload buffer; fine for a short trial only.` };
  }
  if (sizes.some((size) => size < GATEWAY_DISK_RECOMMENDED_GIB)) {
    return { verdict: 'belowRecommended', summary: `Disks ${listed} GiB: meet the ${GATEWAY_DISK_MINIMUM_GIB} GiB minimum; AWS's EC2 guide asks ${GATEWAY_DISK_RECOMMENDED_GIB} GiB, so use that for both.` };
  }
  return { verdict: 'ok', summary: `Disks ${listed} GiB meet AWS's minimums (${GATEWAY_DISK_MINIMUM_GIB} GiB, ${GATEWAY_DISK_RECOMMENDED_GIB} GiB recommended).` };
}

/** "$0.237/h" style, with enough digits for small rates. */
export function formatUsdPerHour(usd: number): string {
  return `$${usd < 0.1 ? usd.toFixed(4).replace(/0+$/, '').replace(/\.$/, '') : usd.toFixed(3)}/h`;
}
