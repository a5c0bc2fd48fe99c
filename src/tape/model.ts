// The extension's domain model of gateways and tapes, independent of SDK shapes.

export interface GatewaySummary {
  readonly gatewayArn: string;
  readonly gatewayId: string;
  readonly name: string;
  readonly type: string;
  /** "RUNNING" or "SHUTDOWN" as the API's GatewayOperationalState reports it, or "UNKNOWN". */
  readonly operationalState: string;
  readonly ec2InstanceId: string | undefined;
  readonly region: string | undefined;
}
