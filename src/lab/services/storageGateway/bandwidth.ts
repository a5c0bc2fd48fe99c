// Bandwidth operations: Update/Describe/DeleteBandwidthRateLimit and Update/DescribeBandwidthRateLimitSchedule.
import type { RequestContext } from '../../http/types';
import { invalidGatewayRequest, invalidParameters } from './errors';
import { settingsOf, type BandwidthInterval } from './gatewaySettings';
import { connectedGateway, mutate, read, type SgContext } from './SgContext';
import { GATEWAY_ARN } from './shapes';
import { integer, list, long, optional, required, str, struct, validateInput } from './validation';

/** Smallest limits AWS accepts (botocore: BandwidthUploadRateLimit min 51200, BandwidthDownloadRateLimit min 102400). */
const UPLOAD_RATE = long({ min: 51200 });
const DOWNLOAD_RATE = long({ min: 102400 });
const HOUR = integer({ min: 0, max: 23 });
const MINUTE = integer({ min: 0, max: 59 });

const INTERVAL = struct({
  StartHourOfDay: required(HOUR),
  StartMinuteOfHour: required(MINUTE),
  EndHourOfDay: required(HOUR),
  EndMinuteOfHour: required(MINUTE),
  DaysOfWeek: required(list(integer({ min: 0, max: 6 }), { min: 1, max: 7 })),
  AverageUploadRateLimitInBitsPerSec: optional(UPLOAD_RATE),
  AverageDownloadRateLimitInBitsPerSec: optional(DOWNLOAD_RATE),
});

const BANDWIDTH_TYPES = ['UPLOAD', 'DOWNLOAD', 'ALL'] as const;

interface RateInput {
  GatewayARN: string;
  AverageUploadRateLimitInBitsPerSec?: number;
  AverageDownloadRateLimitInBitsPerSec?: number;
}

/** Start and end minutes of the day; the end minute is inclusive (the interval runs to the end of that minute). */
function span(interval: BandwidthInterval): [number, number] {
  return [interval.StartHourOfDay * 60 + interval.StartMinuteOfHour, interval.EndHourOfDay * 60 + interval.EndMinuteOfHour];
}

function checkSchedule(intervals: BandwidthInterval[]): void {
  intervals.forEach((interval, index) => {
    const [start, end] = span(interval);
    if (end < start) throw invalidGatewayRequest('InvalidSchedule', `Bandwidth rate limit interval ${index + 1} ends before it starts; an interval cannot cross midnight, so split it in two.`);
    if (new Set(interval.DaysOfWeek).size !== interval.DaysOfWeek.length) throw invalidParameters(`Bandwidth rate limit interval ${index + 1} lists a day of the week twice.`);
    if (interval.AverageUploadRateLimitInBitsPerSec === undefined && interval.AverageDownloadRateLimitInBitsPerSec === undefined) {
      throw invalidParameters(`Bandwidth rate limit interval ${index + 1} sets no rate; give AverageUploadRateLimitInBitsPerSec, AverageDownloadRateLimitInBitsPerSec or both.`);
    }
    for (let other = 0; other < index; other += 1) {
      const earlier = intervals[other];
      if (!earlier || !earlier.DaysOfWeek.some((day) => interval.DaysOfWeek.includes(day))) continue;
      const [otherStart, otherEnd] = span(earlier);
      if (start <= otherEnd && otherStart <= end) throw invalidGatewayRequest('InvalidSchedule', `Bandwidth rate limit intervals ${other + 1} and ${index + 1} overlap on the same day; make them disjoint.`);
    }
  });
}

export function bandwidthOperations(sg: SgContext) {
  async function UpdateBandwidthRateLimit(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<RateInput>(
      { GatewayARN: GATEWAY_ARN, AverageUploadRateLimitInBitsPerSec: optional(UPLOAD_RATE), AverageDownloadRateLimitInBitsPerSec: optional(DOWNLOAD_RATE) },
      raw,
    );
    if (input.AverageUploadRateLimitInBitsPerSec === undefined && input.AverageDownloadRateLimitInBitsPerSec === undefined) {
      throw invalidParameters('Give AverageUploadRateLimitInBitsPerSec, AverageDownloadRateLimitInBitsPerSec or both.');
    }
    return mutate(sg, ctx, (state) => {
      const gateway = connectedGateway(state, input.GatewayARN);
      const settings = settingsOf(gateway);
      if (input.AverageUploadRateLimitInBitsPerSec !== undefined) settings.uploadRateLimitBitsPerSec = input.AverageUploadRateLimitInBitsPerSec;
      if (input.AverageDownloadRateLimitInBitsPerSec !== undefined) settings.downloadRateLimitBitsPerSec = input.AverageDownloadRateLimitInBitsPerSec;
      return { GatewayARN: gateway.gatewayArn };
    });
  }

  async function DescribeBandwidthRateLimit(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ GatewayARN: string }>({ GatewayARN: GATEWAY_ARN }, raw);
    return read(sg, ctx, (state) => {
      const gateway = connectedGateway(state, input.GatewayARN);
      // Members without a limit are left out of the answer.
      return {
        GatewayARN: gateway.gatewayArn,
        AverageUploadRateLimitInBitsPerSec: gateway.settings?.uploadRateLimitBitsPerSec,
        AverageDownloadRateLimitInBitsPerSec: gateway.settings?.downloadRateLimitBitsPerSec,
      };
    });
  }

  async function DeleteBandwidthRateLimit(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ GatewayARN: string; BandwidthType: string }>({ GatewayARN: GATEWAY_ARN, BandwidthType: required(str({ min: 3, max: 25 })) }, raw);
    if (!(BANDWIDTH_TYPES as readonly string[]).includes(input.BandwidthType)) throw invalidParameters(`BandwidthType must be one of ${BANDWIDTH_TYPES.join(', ')}.`);
    return mutate(sg, ctx, (state) => {
      const gateway = connectedGateway(state, input.GatewayARN);
      const settings = settingsOf(gateway);
      if (input.BandwidthType !== 'DOWNLOAD') delete settings.uploadRateLimitBitsPerSec;
      if (input.BandwidthType !== 'UPLOAD') delete settings.downloadRateLimitBitsPerSec;
      return { GatewayARN: gateway.gatewayArn };
    });
  }

  async function UpdateBandwidthRateLimitSchedule(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ GatewayARN: string; BandwidthRateLimitIntervals: BandwidthInterval[] }>(
      { GatewayARN: GATEWAY_ARN, BandwidthRateLimitIntervals: required(list(INTERVAL, { min: 0, max: 20 })) },
      raw,
    );
    checkSchedule(input.BandwidthRateLimitIntervals);
    return mutate(sg, ctx, (state) => {
      const gateway = connectedGateway(state, input.GatewayARN);
      settingsOf(gateway).schedule = input.BandwidthRateLimitIntervals.map((interval) => ({
        StartHourOfDay: interval.StartHourOfDay,
        StartMinuteOfHour: interval.StartMinuteOfHour,
        EndHourOfDay: interval.EndHourOfDay,
        EndMinuteOfHour: interval.EndMinuteOfHour,
        DaysOfWeek: [...interval.DaysOfWeek],
        AverageUploadRateLimitInBitsPerSec: interval.AverageUploadRateLimitInBitsPerSec,
        AverageDownloadRateLimitInBitsPerSec: interval.AverageDownloadRateLimitInBitsPerSec,
      }));
      return { GatewayARN: gateway.gatewayArn };
    });
  }

  async function DescribeBandwidthRateLimitSchedule(raw: Record<string, unknown>, ctx: RequestContext) {
    const input = validateInput<{ GatewayARN: string }>({ GatewayARN: GATEWAY_ARN }, raw);
    return read(sg, ctx, (state) => {
      const gateway = connectedGateway(state, input.GatewayARN);
      return { GatewayARN: gateway.gatewayArn, BandwidthRateLimitIntervals: gateway.settings?.schedule ?? [] };
    });
  }

  return { UpdateBandwidthRateLimit, DescribeBandwidthRateLimit, DeleteBandwidthRateLimit, UpdateBandwidthRateLimitSchedule, DescribeBandwidthRateLimitSchedule };
}
