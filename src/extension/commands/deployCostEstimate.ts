// Rough on-demand cost of the tape gateway stack before it is created (us-east-1 on-demand list prices).

import { GATEWAY_ROOT_DISK_GIB, GP3_USD_PER_GB_MONTH, HOURLY_INSTANCE_RATES_USD, HOURS_PER_MONTH } from '../../tape/gatewayEstimates';

/** One rate table for CodeLens and deploy (src/tape/gatewayEstimates.ts). */
const INSTANCE_HOURLY = HOURLY_INSTANCE_RATES_USD;
const INTERFACE_ENDPOINT_HOURLY = 0.01;
const GP3_PER_GB_MONTH = GP3_USD_PER_GB_MONTH;
/** Root volumes: the gateway AMI's 80 GiB, the client's 8 GiB. */
const GATEWAY_ROOT_GIB = GATEWAY_ROOT_DISK_GIB;
const CLIENT_ROOT_GIB = 8;

interface CostLine {
  readonly item: string;
  readonly hourly: number;
}

interface CostEstimate {
  readonly lines: readonly CostLine[];
  readonly hourly: number;
  readonly daily: number;
  readonly monthly: number;
  /** Sentences the user should read before confirming. */
  readonly notes: readonly string[];
}

export function estimateStackCost(parameters: ReadonlyMap<string, string>, region: string): CostEstimate {
  const gatewayType = parameters.get('GatewayInstanceType') ?? 'm5.xlarge';
  const clientType = parameters.get('ClientInstanceType') ?? 't4g.micro';
  const endpoints = 3 + (parameters.get('CreateEc2MessagesEndpoint') === 'false' ? 0 : 1);
  const disksGib = GATEWAY_ROOT_GIB + Number(parameters.get('CacheDiskSizeGiB') ?? 165) + Number(parameters.get('UploadBufferDiskSizeGiB') ?? 165) + CLIENT_ROOT_GIB;
  const lines: CostLine[] = [
    { item: `Gateway instance ${gatewayType}`, hourly: INSTANCE_HOURLY[gatewayType] ?? INSTANCE_HOURLY['m5.xlarge'] ?? 0 },
    { item: `Client instance ${clientType}`, hourly: INSTANCE_HOURLY[clientType] ?? 0 },
    { item: `${endpoints} interface VPC endpoints`, hourly: endpoints * INTERFACE_ENDPOINT_HOURLY },
    { item: `${disksGib} GiB of gp3 EBS volumes`, hourly: (disksGib * GP3_PER_GB_MONTH) / HOURS_PER_MONTH },
  ];
  const hourly = lines.reduce((sum, l) => sum + l.hourly, 0);
  const notes = [
    'Tapes are billed for data written, not capacity: about $0.023/GB-month in the library, $0.004 in Glacier, $0.001 in Deep Archive.',
    'Archived tapes are billed for at least 90 days (Deep Archive 180).',
    'Deleting the stack does not delete the gateway or its tapes: use "Tear Down" to stop all charges.',
  ];
  if (region !== 'us-east-1') notes.unshift(`Prices are us-east-1 list prices; ${region} can cost 20–30 % more.`);
  return { lines, hourly, daily: hourly * 24, monthly: hourly * HOURS_PER_MONTH, notes };
}

export function formatCostEstimate(estimate: CostEstimate): string {
  const money = (n: number) => `$${n < 1 ? n.toFixed(3) : n.toFixed(2)}`;
  return [
    ...estimate.lines.map((l) => `${l.item}: ${money(l.hourly)}/h`),
    `Total while it runs: about ${money(estimate.hourly)}/h, ${money(estimate.daily)}/day, ${money(estimate.monthly)}/month.`,
    '',
    ...estimate.notes,
  ].join('\n');
}
