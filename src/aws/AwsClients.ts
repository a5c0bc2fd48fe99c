// Builds SDK v3 clients for a connection target, loading each SDK only when first used.
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { StorageGatewayClient } from '@aws-sdk/client-storage-gateway';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { ConnectionTarget } from './AwsConnection';
import { readConfiguredEndpoint } from './profileEndpoint';

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
  private cloudWatchClient: Promise<CloudWatchClient> | undefined;
  private s3Client: Promise<S3Client> | undefined;
  private credentials: Promise<CommonClientConfig['credentials']> | undefined;

  constructor(readonly target: ConnectionTarget) {}

  /**
   * Reads the SDK files of these services without making a client, so a first call made later does not wait for them:
   * the explorer does it while the lab process starts, when the editor's thread would otherwise sit idle.
   */
  static async preload(services: readonly ('storageGateway' | 'cloudFormation')[]): Promise<void> {
    await Promise.all(services.map((service) => (service === 'storageGateway' ? import('@aws-sdk/client-storage-gateway') : import('@aws-sdk/client-cloudformation'))));
  }

  /** Human label of where calls go, for messages. */
  get endpointLabel(): string {
    return this.target.kind === 'lab' ? `the lab at ${this.target.endpoint}` : `AWS in ${this.target.region}`;
  }

  storageGateway(): Promise<StorageGatewayClient> {
    this.storageGatewayClient ??= (async () => {
      const { StorageGatewayClient: Client } = await import('@aws-sdk/client-storage-gateway');
      return new Client(await this.config('Storage Gateway'));
    })();
    return this.storageGatewayClient;
  }

  cloudFormation(): Promise<CloudFormationClient> {
    this.cloudFormationClient ??= (async () => {
      const { CloudFormationClient: Client } = await import('@aws-sdk/client-cloudformation');
      return new Client(await this.config('CloudFormation'));
    })();
    return this.cloudFormationClient;
  }

  ssm(): Promise<SSMClient> {
    this.ssmClient ??= (async () => {
      const { SSMClient: Client } = await import('@aws-sdk/client-ssm');
      return new Client(await this.config('SSM'));
    })();
    return this.ssmClient;
  }

  cloudWatch(): Promise<CloudWatchClient> {
    this.cloudWatchClient ??= (async () => {
      const { CloudWatchClient: Client } = await import('@aws-sdk/client-cloudwatch');
      return new Client(await this.config('CloudWatch'));
    })();
    return this.cloudWatchClient;
  }

  /** S3 goes path-style to the lab or a configured endpoint (loopback has no per-bucket host names). */
  s3(): Promise<S3Client> {
    this.s3Client ??= (async () => {
      const { S3Client: Client } = await import('@aws-sdk/client-s3');
      const config = await this.config('S3');
      return new Client({ ...config, forcePathStyle: config.endpoint !== undefined });
    })();
    return this.s3Client;
  }

  dispose(): void {
    for (const client of [this.storageGatewayClient, this.cloudFormationClient, this.ssmClient, this.cloudWatchClient, this.s3Client]) {
      void client?.then((c) => c.destroy(), () => undefined);
    }
  }

  /** serviceId as the SDK names it ("Storage Gateway", "CloudFormation", "SSM"), for the profile's configured endpoint. */
  private async config(serviceId: string): Promise<CommonClientConfig> {
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
    // The SDK reads endpoint_url only for AWS_PROFILE/default, so the chosen profile's endpoint is resolved here.
    const endpoint = await readConfiguredEndpoint(target.profile ?? process.env.AWS_PROFILE ?? 'default', serviceId);
    return { region: target.region, profile: target.profile, credentials: await this.credentials, maxAttempts: 3, ...(endpoint ? { endpoint } : {}) };
  }
}
