// The lab's one failure type: an AWS error code, message and HTTP status; protocol adapters format it.

export interface AwsErrorOptions {
  /** HTTP status; 400 unless the error is a server fault or an auth failure. */
  status?: number;
  /** Extra members of a JSON error body, e.g. Storage Gateway's `error: { errorCode }`. */
  body?: Record<string, unknown>;
  /** Query protocol only: "Sender" (client fault, default) or "Receiver". */
  faultType?: 'Sender' | 'Receiver';
  /** Extra response headers, e.g. `x-amzn-query-error` of JSON services that keep their query-protocol error codes. */
  headers?: Record<string, string>;
}

export class AwsError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown> | undefined;
  readonly faultType: 'Sender' | 'Receiver';
  readonly headers: Record<string, string>;

  constructor(readonly code: string, message: string, options: AwsErrorOptions = {}) {
    super(message);
    this.name = code;
    this.status = options.status ?? 400;
    this.body = options.body;
    this.faultType = options.faultType ?? (this.status >= 500 ? 'Receiver' : 'Sender');
    this.headers = options.headers ?? {};
  }
}
