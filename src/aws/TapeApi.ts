// Storage Gateway calls for tapes, the archive (VTS) and tape pools, mapped to tape/ domain types.
import { randomUUID } from 'node:crypto';
import type { ArchivedTape, TapePool, TapeSummary } from '../tape/model';
import type { AwsClients } from './AwsClients';
import { callAws } from './callAws';
import { toArchivedTape, toTapePool, toTapeSummary } from './storageGatewayShapes';

interface TapePage {
  readonly tapes: TapeSummary[];
  /** Marker for the next page; undefined on the last one. */
  readonly marker: string | undefined;
}

export interface NewTapes {
  readonly gatewayArn: string;
  readonly sizeInBytes: number;
  readonly poolId: string | undefined;
  readonly worm: boolean;
  /** Either generated barcodes (prefix + count) or one explicit barcode. */
  readonly barcode: { readonly prefix: string; readonly count: number } | { readonly explicit: string };
}

export interface NewTapePool {
  readonly name: string;
  readonly storageClass: 'GLACIER' | 'DEEP_ARCHIVE';
  readonly retentionLockType: 'NONE' | 'GOVERNANCE' | 'COMPLIANCE';
  readonly retentionLockTimeInDays: number | undefined;
}

const sdk = () => import('@aws-sdk/client-storage-gateway');

export class TapeApi {
  constructor(private readonly clients: AwsClients) {}

  /** One page of DescribeTapes for a gateway. */
  async describeTapesPage(gatewayArn: string, marker: string | undefined, limit: number, signal?: AbortSignal): Promise<TapePage> {
    const { DescribeTapesCommand } = await sdk();
    const client = await this.clients.storageGateway();
    return callAws(this.clients, 'DescribeTapes', async () => {
      const page = await client.send(new DescribeTapesCommand({ GatewayARN: gatewayArn, Marker: marker, Limit: limit }), { abortSignal: signal });
      return { tapes: (page.Tapes ?? []).map(toTapeSummary), marker: page.Marker || undefined };
    });
  }

  async describeAllTapes(gatewayArn: string, signal?: AbortSignal): Promise<TapeSummary[]> {
    const tapes: TapeSummary[] = [];
    let marker: string | undefined;
    do {
      const page = await this.describeTapesPage(gatewayArn, marker, 1000, signal);
      tapes.push(...page.tapes);
      marker = page.marker;
    } while (marker);
    return tapes;
  }

  /** CreateTapes or CreateTapeWithBarcode; returns the new tapes' ARNs. Input must already be validated. */
  async createTapes(request: NewTapes): Promise<string[]> {
    const { CreateTapesCommand, CreateTapeWithBarcodeCommand } = await sdk();
    const client = await this.clients.storageGateway();
    const common = { GatewayARN: request.gatewayArn, TapeSizeInBytes: request.sizeInBytes, PoolId: request.poolId, Worm: request.worm || undefined };
    if ('explicit' in request.barcode) {
      const barcode = request.barcode.explicit;
      return callAws(this.clients, 'CreateTapeWithBarcode', async () => [(await client.send(new CreateTapeWithBarcodeCommand({ ...common, TapeBarcode: barcode }))).TapeARN ?? '']);
    }
    const { prefix, count } = request.barcode;
    return callAws(this.clients, 'CreateTapes', async () => (await client.send(new CreateTapesCommand({ ...common, TapeBarcodePrefix: prefix, NumTapesToCreate: count, ClientToken: randomUUID() }))).TapeARNs ?? []);
  }

  async deleteTape(gatewayArn: string, tapeArn: string, bypassGovernanceRetention = false): Promise<void> {
    const { DeleteTapeCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'DeleteTape', () => client.send(new DeleteTapeCommand({ GatewayARN: gatewayArn, TapeARN: tapeArn, BypassGovernanceRetention: bypassGovernanceRetention || undefined })));
  }

  async cancelArchival(gatewayArn: string, tapeArn: string): Promise<void> {
    const { CancelArchivalCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'CancelArchival', () => client.send(new CancelArchivalCommand({ GatewayARN: gatewayArn, TapeARN: tapeArn })));
  }

  async cancelRetrieval(gatewayArn: string, tapeArn: string): Promise<void> {
    const { CancelRetrievalCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'CancelRetrieval', () => client.send(new CancelRetrievalCommand({ GatewayARN: gatewayArn, TapeARN: tapeArn })));
  }

  async retrieveTapeArchive(tapeArn: string, gatewayArn: string): Promise<void> {
    const { RetrieveTapeArchiveCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'RetrieveTapeArchive', () => client.send(new RetrieveTapeArchiveCommand({ GatewayARN: gatewayArn, TapeARN: tapeArn })));
  }

  /** Every archived tape of the account in the region. */
  async describeTapeArchives(signal?: AbortSignal): Promise<ArchivedTape[]> {
    const { DescribeTapeArchivesCommand } = await sdk();
    const client = await this.clients.storageGateway();
    return callAws(this.clients, 'DescribeTapeArchives', async () => {
      const tapes: ArchivedTape[] = [];
      let marker: string | undefined;
      do {
        const page = await client.send(new DescribeTapeArchivesCommand({ Marker: marker, Limit: 1000 }), { abortSignal: signal });
        tapes.push(...(page.TapeArchives ?? []).map(toArchivedTape));
        marker = page.Marker || undefined;
      } while (marker);
      return tapes;
    });
  }

  async deleteTapeArchive(tapeArn: string, bypassGovernanceRetention = false): Promise<void> {
    const { DeleteTapeArchiveCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'DeleteTapeArchive', () => client.send(new DeleteTapeArchiveCommand({ TapeARN: tapeArn, BypassGovernanceRetention: bypassGovernanceRetention || undefined })));
  }

  async listTapePools(signal?: AbortSignal): Promise<TapePool[]> {
    const { ListTapePoolsCommand } = await sdk();
    const client = await this.clients.storageGateway();
    return callAws(this.clients, 'ListTapePools', async () => {
      const pools: TapePool[] = [];
      let marker: string | undefined;
      do {
        const page = await client.send(new ListTapePoolsCommand({ Marker: marker }), { abortSignal: signal });
        pools.push(...(page.PoolInfos ?? []).map(toTapePool));
        marker = page.Marker || undefined;
      } while (marker);
      return pools;
    });
  }

  async createTapePool(pool: NewTapePool): Promise<string> {
    const { CreateTapePoolCommand } = await sdk();
    const client = await this.clients.storageGateway();
    return callAws(this.clients, 'CreateTapePool', async () => {
      const out = await client.send(new CreateTapePoolCommand({ PoolName: pool.name, StorageClass: pool.storageClass, RetentionLockType: pool.retentionLockType, RetentionLockTimeInDays: pool.retentionLockType === 'NONE' ? undefined : pool.retentionLockTimeInDays }));
      return out.PoolARN ?? '';
    });
  }

  async deleteTapePool(poolArn: string): Promise<void> {
    const { DeleteTapePoolCommand } = await sdk();
    const client = await this.clients.storageGateway();
    await callAws(this.clients, 'DeleteTapePool', () => client.send(new DeleteTapePoolCommand({ PoolARN: poolArn })));
  }
}
