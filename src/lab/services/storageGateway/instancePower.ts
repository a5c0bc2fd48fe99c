// What a gateway's EC2 instance stopping or starting does to the gateway: it answers as a shut-down gateway until the instance runs.
import type { StorageGatewayStore } from './StorageGatewayStore';

export interface PoweredAppliance {
  readonly accountId: string;
  readonly region: string;
  readonly gatewayArn?: string;
}

/**
 * A stopped instance takes its gateway offline: STATE_SHUTDOWN, so every operation but Describe/List answers GatewayNotConnected
 * and the library refuses moves, as after ShutdownGateway; StartGateway cannot bring it back while the instance is stopped.
 * Starting the instance boots the gateway software again (STATE_RUNNING).
 */
export async function applyInstancePower(store: StorageGatewayStore, appliance: PoweredAppliance, stopped: boolean): Promise<void> {
  if (appliance.gatewayArn === undefined) return;
  const key = { accountId: appliance.accountId, region: appliance.region };
  const { tracked: state } = await store.state(key);
  const gateway = Object.hasOwn(state.gateways, appliance.gatewayArn) ? state.gateways[appliance.gatewayArn] : undefined;
  if (!gateway || (gateway.instanceStopped === true) === stopped) return;
  if (stopped) {
    gateway.state = 'STATE_SHUTDOWN';
    gateway.instanceStopped = true;
  } else {
    gateway.state = 'STATE_RUNNING';
    delete gateway.instanceStopped;
  }
  await store.commit(key);
}
