// DescribeTapes for one gateway (all pages), mapped to the barcode/status pairs the library view shows.
import type { StorageGatewayClient } from '@aws-sdk/client-storage-gateway';
import type { TapeState } from '../tape/libraryModel';

export async function describeTapeStates(client: StorageGatewayClient, gatewayArn: string): Promise<TapeState[]> {
  const { DescribeTapesCommand } = await import('@aws-sdk/client-storage-gateway');
  const tapes: TapeState[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(new DescribeTapesCommand({ GatewayARN: gatewayArn, Marker: marker }));
    for (const tape of page.Tapes ?? []) tapes.push({ barcode: tape.TapeBarcode ?? '', status: tape.TapeStatus ?? 'UNKNOWN', sizeInBytes: tape.TapeSizeInBytes });
    marker = page.Marker;
  } while (marker);
  return tapes;
}
