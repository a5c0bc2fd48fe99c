// Where the lab follows what AWS really sends rather than the letter of botocore's model; each entry says why.
import type { ServiceName } from './wireClient';

export interface OutputException {
  readonly service: ServiceName;
  /** The model shape whose constraint the value breaks. */
  readonly shape: string;
  readonly value: RegExp;
  readonly reason: string;
}

export const OUTPUT_EXCEPTIONS: readonly OutputException[] = [
  ...['S3BucketName', 'NotificationType', 'CloudWatchLogGroupName'].map((shape) => ({
    service: 'ssm' as const,
    shape,
    value: /^$/,
    reason: 'SSM answers unset output settings as empty strings ("OutputS3BucketName": "", "NotificationType": "", "CloudWatchLogGroupName": ""), as the AWS CLI reference examples of send-command and list-commands show; min lengths and enums constrain what a caller sends.',
  })),
  {
    service: 'ssm',
    shape: 'StringDateTime',
    value: /^$|^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$|^PT\d+(\.\d+)?S$/,
    reason: 'GetCommandInvocation sends ExecutionStartDateTime/EndDateTime with milliseconds ("2020-02-19T18:18:03.419Z"), ExecutionElapsedTime as a duration ("PT0.091S") and "" before the run starts (AWS CLI get-command-invocation example); the model pattern allows one fractional digit and no durations.',
  },
];

export interface InputException {
  readonly service: ServiceName;
  readonly operation: string;
  /** Matches the case's constraint label, e.g. "Filters.0.Values required". */
  readonly constraint: RegExp;
  readonly reason: string;
}

export const INPUT_EXCEPTIONS: readonly InputException[] = [];

export function isOutputException(service: ServiceName, shape: string, value: string): boolean {
  return OUTPUT_EXCEPTIONS.some((exception) => exception.service === service && exception.shape === shape && exception.value.test(value));
}
