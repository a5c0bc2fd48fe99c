// Contract between the Storage Gateway service (which owns tapes and where they sit) and the devices the client drives.

/** mtx numbering: drives 0-9; slots 1-1600 storage, 1601-3200 import/export. */
export interface ElementRef {
  readonly kind: 'drive' | 'slot';
  readonly index: number;
}

export type ElementKind = 'drive' | 'storage' | 'importExport';

export interface LibraryElement {
  readonly kind: ElementKind;
  /** Drive number (0-9) or slot number (1-3200) as mtx prints it. */
  readonly index: number;
  /** Fixed SCSI element address (what MOVE MEDIUM sense messages print). */
  readonly address: number;
  readonly barcode?: string;
  /** For a full drive: the SCSI element address of the slot the tape came from. */
  readonly sourceAddress?: number;
}

export interface LibraryTape {
  readonly barcode: string;
  readonly tapeArn: string;
  /** Storage Gateway status string, e.g. "AVAILABLE", "IN TRANSIT TO VTS", "RETRIEVED". */
  readonly status: string;
  readonly sizeInBytes: number;
  readonly worm: boolean;
  /** Retrieved and recovered tapes are read-only in the VTL. */
  readonly readOnly: boolean;
}

export type MoveMediumSense = 'sourceEmpty' | 'destinationFull' | 'driveNeedsOffline' | 'invalidElement' | 'notReady';

/** A refused SCSI MOVE MEDIUM, carrying what the device's sense data would say. */
export class MoveMediumError extends Error {
  constructor(
    readonly sense: MoveMediumSense,
    readonly sourceAddress: number,
    readonly destinationAddress: number,
  ) {
    super(`MOVE MEDIUM from element ${sourceAddress} to ${destinationAddress} refused: ${sense}`);
  }
}

/** One gateway's virtual tape library as its iSCSI devices see it. */
export interface VirtualLibrary {
  readonly gatewayArn: string;
  /** e.g. "sgw-12A3456B". */
  readonly gatewayId: string;
  /** "STK-L700" | "AWS-Gateway-VTL" | "IBM-03584L32-0402". */
  readonly mediumChangerType: string;
  /** "IBM-ULT3580-TD5". */
  readonly tapeDriveType: string;
  /** The gateway's private IPv4 as iSCSI discovery prints it; optional (else taken from the portal name the client used). */
  readonly portalIp?: string;
  /** All 10 drives, then slots 1-3200, in mtx order. */
  elements(): LibraryElement[];
  /** SCSI MOVE MEDIUM. Moving a tape into an import/export slot ejects it and starts archiving. */
  moveMedium(from: ElementRef, to: ElementRef): void;
  tape(barcode: string): LibraryTape | undefined;
  /** The drive reports how many bytes the tape holds, so TapeUsedInBytes follows the media. */
  recordUsage(barcode: string, usedBytes: number): void;
}

/** Finds libraries the way a client host does: by the gateway's iSCSI portal address. */
export interface LibraryDirectory {
  byGatewayArn(gatewayArn: string): VirtualLibrary | undefined;
  /** The gateway whose appliance answers at this simulated private IP or DNS name, once activated. */
  byPortal(address: string): VirtualLibrary | undefined;
}
