// Amazon CloudWatch (API 2010-08-01) for the lab: GetMetricData and ListMetrics, on both wires clients use.
//
// botocore's model declares the query protocol (form-encoded Action, XML answers), which the AWS CLI v2 sends; the
// JavaScript SDK v3 sends JSON 1.0 (`X-Amz-Target: GraniteServiceVersion20100801.<Op>`, `x-amzn-query-mode: true`)
// and reads errors by their query code from the `x-amzn-query-error: Code;Sender` header.
import { AwsError } from '../../http/AwsError';
import type { XmlValue } from '../../http/awsQuery';
import type { JsonServiceDefinition, OperationTable, QueryServiceDefinition, RequestContext } from '../../http/types';
import type { LabRuntime } from '../../LabRuntime';
import { readGetMetricDataInput, readListMetricsInput, unflattenForm } from './cloudWatchInput';
import { MetricQueries, type GatewayFactsSource, type MetricDataResult, type MetricInput } from './metricQueries';
import { TrafficHistory } from './TrafficHistory';
import type { TapeTransfer } from '../../library/TapeDrive';
import { parseStorageGatewayArn } from '../../../tape/arns';

export interface CloudWatchService {
  readonly definitions: readonly [QueryServiceDefinition, JsonServiceDefinition];
  /** Feeds a drive's traffic into its gateway's metrics. */
  observeTransfer(transfer: TapeTransfer): void;
  close(): Promise<void>;
}

/** JSON error type names of the query error codes CloudWatch's operations declare. */
const JSON_ERROR_TYPES: Record<string, string> = {
  InvalidParameterValue: 'InvalidParameterValueException',
  MissingParameter: 'MissingRequiredParameterException',
  InvalidParameterCombination: 'InvalidParameterCombinationException',
  InvalidNextToken: 'InvalidNextToken',
  InternalServiceError: 'InternalServiceFault',
};

export async function createCloudWatchService(runtime: LabRuntime, gateways: GatewayFactsSource): Promise<CloudWatchService> {
  const history = await TrafficHistory.open(runtime.config.stateDir, runtime.log);
  const queries = new MetricQueries(gateways, history);
  const scope = (ctx: RequestContext) => ({ accountId: ctx.accountId, region: ctx.region, now: ctx.now().getTime() });

  const queryOperations: OperationTable = {
    GetMetricData: async (form: Record<string, string>, ctx: RequestContext) => toXmlResults(await queries.getMetricData(readGetMetricDataInput(unflattenForm(form)), scope(ctx))),
    ListMetrics: async (form: Record<string, string>, ctx: RequestContext) => {
      const output = await queries.listMetrics(readListMetricsInput(unflattenForm(form)), scope(ctx));
      return { Metrics: output.Metrics.map(metricXml), NextToken: output.NextToken, OwningAccounts: output.OwningAccounts } satisfies XmlValue;
    },
  };
  const jsonOperations: OperationTable = {
    GetMetricData: jsonErrors(async (body: Record<string, unknown>, ctx: RequestContext) => {
      const output = await queries.getMetricData(readGetMetricDataInput(body), scope(ctx));
      return { ...output, MetricDataResults: output.MetricDataResults.map((r) => ({ ...r, Timestamps: r.Timestamps.map((t) => t.getTime() / 1000) })) };
    }),
    ListMetrics: jsonErrors(async (body: Record<string, unknown>, ctx: RequestContext) => queries.listMetrics(readListMetricsInput(body), scope(ctx))),
  };

  return {
    definitions: [
      { protocol: 'query', signingName: 'monitoring', version: '2010-08-01', xmlNamespace: 'http://monitoring.amazonaws.com/doc/2010-08-01/', operations: queryOperations },
      { protocol: 'json', signingName: 'monitoring', targetPrefixes: ['GraniteServiceVersion20100801'], operations: jsonOperations },
    ],
    observeTransfer: (transfer) => {
      if (!parseStorageGatewayArn(transfer.gatewayArn)) return;
      const fromCloud = transfer.direction === 'read' && transfer.tapeStatus === 'RETRIEVED' ? transfer.bytes : 0;
      history.record(transfer.gatewayArn, runtime.now().getTime(), {
        writeBytes: transfer.direction === 'write' ? transfer.bytes : 0,
        readBytes: transfer.direction === 'read' ? transfer.bytes : 0,
        readMissBytes: fromCloud,
      });
    },
    close: () => history.close(),
  };
}

function toXmlResults(output: { MetricDataResults: MetricDataResult[]; NextToken?: string; Messages: [] }): XmlValue {
  return {
    MetricDataResults: output.MetricDataResults.map((r) => ({ Id: r.Id, Label: r.Label, Timestamps: r.Timestamps, Values: r.Values, StatusCode: r.StatusCode, Messages: r.Messages })),
    NextToken: output.NextToken,
    Messages: output.Messages,
  };
}

function metricXml(metric: MetricInput): XmlValue {
  return { Namespace: metric.Namespace, MetricName: metric.MetricName, Dimensions: (metric.Dimensions ?? []).map((d) => ({ Name: d.Name, Value: d.Value })) };
}

/** JSON answers name the error shape and carry the query code in `x-amzn-query-error`. */
function jsonErrors<I, O>(handler: (input: I, ctx: RequestContext) => Promise<O>): (input: I, ctx: RequestContext) => Promise<O> {
  return async (input, ctx) => {
    try {
      return await handler(input, ctx);
    } catch (error) {
      if (!(error instanceof AwsError) || !Object.hasOwn(JSON_ERROR_TYPES, error.code)) throw error;
      throw new AwsError(`com.amazonaws.cloudwatch#${JSON_ERROR_TYPES[error.code]}`, error.message, {
        status: error.status,
        headers: { 'x-amzn-query-error': `${error.code};${error.faultType}` },
      });
    }
  };
}
