// Builds SDK v3 clients for a connection target, loading each SDK only when first used.
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { StorageGatewayClient } from '@aws-sdk/client-storage-gateway';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { ConnectionTarget } from './AwsConnection';

interface CommonClientConfig {
  region: string;
  endpoint?: string;
  profile?: string;
  credentials: AwsCredentialIdentityProvider | { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
}

export class AwsClients {
  private storageGatewayClient: Promise<StorageGatewayClient> | undefined;
  private cloudFormationClient: Promise<CloudFormationClient> | undefined;
  private ssmClient: Promise<SSMClient> | undefined;
  private credentials: Promise<CommonClientConfig['credentials']> | undefined;

  constructor(readonly target: ConnectionTarget) {}

  /** Human label of where calls go, for messages. */
  get endpointLabel(): string {
    return this.target.kind === 'lab' ? `the lab at ${this.target.endpoint}` : `AWS in ${this.target.region}`;
  }

  storageGateway(): Promise<StorageGatewayClient> {
    this.storageGatewayClient ??= (async () => {
      const { StorageGatewayClient: Client } = await import('@aws-sdk/client-storage-gateway');
      return new Client(await this.config());
    })();
    return this.storageGatewayClient;
  }

  cloudFormation(): Promise<CloudFormationClient> {
    this.cloudFormationClient ??= (async () => {
      const { CloudFormationClient: Client } = await import('@aws-sdk/client-cloudformation');
      return new Client(await this.config());
    })();
    return this.cloudFormationClient;
  }

  ssm(): Promise<SSMClient> {
    this.ssmClient ??= (async () => {
      const { SSMClient: Client } = await import('@aws-sdk/client-ssm');
      return new Client(await this.config());
    })();
    return this.ssmClient;
  }

  dispose(): void {
    for (const client of [this.storageGatewayClient, this.cloudFormationClient, this.ssmClient]) {
      void client?.then((c) => c.destroy(), () => undefined);
    }
  }

  private async config(): Promise<CommonClientConfig> {
    const target = this.target;
    if (target.kind === 'lab') {
      return {
        region: target.region,
        endpoint: target.endpoint,
        credentials: { accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey },
        maxAttempts: 2,
      };
    }
    this.credentials ??= (async () => {
      const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
      return fromNodeProviderChain(target.profile ? { profile: target.profile } : {});
    })();
    // Passing the profile lets the SDK honour its endpoint_url and services sections.
    return { region: target.region, profile: target.profile, credentials: await this.credentials, maxAttempts: 3 };
  }
}
