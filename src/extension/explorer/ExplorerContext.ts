// What tree nodes need from the connection: the API wrappers, the log, the library reader, settings.
import type * as vscode from 'vscode';
import type { AwsClients } from '../../aws/AwsClients';
import { CloudFormationApi } from '../../aws/CloudFormationApi';
import { StorageGatewayApi } from '../../aws/StorageGatewayApi';
import type { LibraryReader } from './library/LibraryReader';

export class ExplorerContext {
  readonly storageGateway: StorageGatewayApi;
  readonly stacks: CloudFormationApi;

  constructor(
    readonly clients: AwsClients,
    readonly log: vscode.LogOutputChannel,
    readonly library: LibraryReader,
    /** Tapes per DescribeTapes page under a gateway's Tapes node (read at each load, so the setting applies at once). */
    readonly tapePageSize: () => number,
  ) {
    this.storageGateway = new StorageGatewayApi(clients);
    this.stacks = new CloudFormationApi(clients);
  }
}
