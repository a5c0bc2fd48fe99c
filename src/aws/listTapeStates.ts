// ListTapes (all pages): every tape of the account and region, in a library or archived, by barcode.
import type { AwsClients } from './AwsClients';
import { callAws } from './callAws';

export interface TapeStateInfo {
  readonly barcode: string;
  readonly tapeArn: string;
  /** AVAILABLE, ARCHIVED, RETRIEVING, RETRIEVED… */
  readonly status: string;
  /** The gateway whose library holds it; absent for an archived tape. */
  readonly gatewayArn?: string;
}

export async function listTapeStates(clients: AwsClients): Promise<Map<string, TapeStateInfo>> {
  const { ListTapesCommand } = await import('@aws-sdk/client-storage-gateway');
  const client = await clients.storageGateway();
  return callAws(clients, 'ListTapes', async () => {
    const tapes = new Map<string, TapeStateInfo>();
    let marker: string | undefined;
    do {
      const page = await client.send(new ListTapesCommand({ Marker: marker }));
      for (const tape of page.TapeInfos ?? []) {
        const barcode = tape.TapeBarcode ?? '';
        // A retrieved copy and its archive share a barcode: the copy in a library is what a restore uses.
        const known = tapes.get(barcode);
        if (known?.gatewayArn && !tape.GatewayARN) continue;
        tapes.set(barcode, { barcode, tapeArn: tape.TapeARN ?? '', status: tape.TapeStatus ?? 'UNKNOWN', gatewayArn: tape.GatewayARN });
      }
      marker = page.Marker;
    } while (marker);
    return tapes;
  });
}
