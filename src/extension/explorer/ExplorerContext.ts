// What tree nodes need from the connection: the API wrappers, the log, the library reader, settings.
import type * as vscode from 'vscode';
import type { AwsClients } from '../../aws/AwsClients';
import { CloudFormationApi } from '../../aws/CloudFormationApi';
import { StorageGatewayApi } from '../../aws/StorageGatewayApi';
import { TapeApi } from '../../aws/TapeApi';
import type { LibraryReader } from './library/LibraryReader';

export class ExplorerContext {
  readonly gateways: StorageGatewayApi;
  readonly tapes: TapeApi;
  readonly stacks: CloudFormationApi;

  constructor(
    readonly clients: AwsClients,
    readonly log: vscode.LogOutputChannel,
    readonly library: LibraryReader,
    /** Tapes per DescribeTapes page under a gateway's Tapes node (read at each load, so the setting applies at once). */
    readonly tapePageSize: () => number,
  ) {
    this.gateways = new StorageGatewayApi(clients);
    this.tapes = new TapeApi(clients);
    this.stacks = new CloudFormationApi(clients);
  }
}
