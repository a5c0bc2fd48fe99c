// Test double of the VirtualLibrary contract with the gateway's rules: new tapes go to the first free I/E slot, a move into I/E ejects.

import { ElementRef, LibraryElement, LibraryTape, MoveMediumError, VirtualLibrary } from '../../../src/lab/library/VirtualLibrary';

interface Slot {
  kind: LibraryElement['kind'];
  index: number;
  address: number;
  barcode?: string;
  sourceAddress?: number;
}

export interface InMemoryLibraryOptions {
  readonly gatewayId?: string;
  readonly mediumChangerType?: string;
  /** Real gateways report no valid source element (so mtx prints "Storage Element 1 Loaded"). */
  readonly reportSourceAddress?: boolean;
}

// Element addresses: drives 0x100+, storage 0x400+, import/export 0x1000+ (fixed, INFERRED).
export class InMemoryLibrary implements VirtualLibrary {
  readonly gatewayId: string;
  readonly gatewayArn: string;
  readonly mediumChangerType: string;
  readonly tapeDriveType = 'IBM-ULT3580-TD5';
  readonly tapes = new Map<string, LibraryTape>();
  readonly usage = new Map<string, number>();
  readonly ejected: string[] = [];
  private readonly drives: Slot[];
  private readonly slots: Slot[];

  constructor(private readonly options: InMemoryLibraryOptions = {}) {
    this.gatewayId = options.gatewayId ?? 'sgw-3C52BB55';
    this.gatewayArn = `arn:aws:storagegateway:ap-northeast-1:123456789012:gateway/${this.gatewayId}`;
    this.mediumChangerType = options.mediumChangerType ?? 'AWS-Gateway-VTL';
    this.drives = Array.from({ length: 10 }, (_, i) => ({ kind: 'drive', index: i, address: 0x100 + i }));
    this.slots = Array.from({ length: 3200 }, (_, i) =>
      i < 1600 ? { kind: 'storage', index: i + 1, address: 0x400 + i } : { kind: 'importExport', index: i + 1, address: 0x1000 + i - 1600 },
    );
  }

  addTape(barcode: string, options: { readOnly?: boolean; worm?: boolean; sizeInBytes?: number } = {}): void {
    const slot = this.slots.find((s) => s.kind === 'importExport' && s.barcode === undefined);
    if (!slot) throw new Error('no free import/export slot');
    slot.barcode = barcode;
    this.tapes.set(barcode, {
      barcode,
      tapeArn: `arn:aws:storagegateway:ap-northeast-1:123456789012:tape/${barcode}`,
      status: 'AVAILABLE',
      sizeInBytes: options.sizeInBytes ?? 107374182400,
      worm: options.worm ?? false,
      readOnly: options.readOnly ?? false,
    });
  }

  elements(): LibraryElement[] {
    return [...this.drives, ...this.slots].map((e) => ({ ...e }));
  }

  moveMedium(from: ElementRef, to: ElementRef): void {
    const source = this.find(from);
    const target = this.find(to);
    if (!source || !target) throw new MoveMediumError('invalidElement', source?.address ?? 0, target?.address ?? 0);
    if (source.barcode === undefined) throw new MoveMediumError('sourceEmpty', source.address, target.address);
    if (target.barcode !== undefined) throw new MoveMediumError('destinationFull', source.address, target.address);
    const barcode = source.barcode;
    source.barcode = undefined;
    source.sourceAddress = undefined;
    if (target.kind === 'importExport') {
      this.ejected.push(barcode);
      this.tapes.set(barcode, { ...this.tapes.get(barcode)!, status: 'IN TRANSIT TO VTS' });
      return;
    }
    target.barcode = barcode;
    if (target.kind === 'drive' && this.options.reportSourceAddress) target.sourceAddress = source.address;
  }

  tape(barcode: string): LibraryTape | undefined {
    return this.tapes.get(barcode);
  }

  recordUsage(barcode: string, usedBytes: number): void {
    this.usage.set(barcode, usedBytes);
  }

  private find(ref: ElementRef): Slot | undefined {
    return ref.kind === 'drive' ? this.drives[ref.index] : ref.index >= 1 ? this.slots[ref.index - 1] : undefined;
  }
}
