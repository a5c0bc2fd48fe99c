// Groups a changer's 3,200 slots so the tree stays usable: full slots first, runs of empty slots collapsed into ranges.
import type { LibrarySlot } from './librarySlots';

interface FullSlot {
  readonly slot: number;
  readonly barcode: string;
}

interface EmptyRange {
  readonly first: number;
  readonly last: number;
}

export interface SlotGroup {
  readonly kind: 'importExport' | 'storage';
  readonly label: string;
  readonly first: number;
  readonly last: number;
  readonly full: readonly FullSlot[];
  readonly empty: readonly EmptyRange[];
}

const GROUPS = [
  { kind: 'importExport', label: 'Import/export slots' },
  { kind: 'storage', label: 'Storage slots' },
] as const;

/** Import/export slots first (new and retrieved tapes land there), then storage slots; within each, full before empty. */
export function groupLibrarySlots(slots: readonly LibrarySlot[]): SlotGroup[] {
  const groups: SlotGroup[] = [];
  for (const { kind, label } of GROUPS) {
    const ofKind = slots.filter((s) => s.kind === kind).sort((a, b) => a.index - b.index);
    if (ofKind.length === 0) continue;
    const full: FullSlot[] = [];
    const empty: EmptyRange[] = [];
    let run: { first: number; last: number } | undefined;
    for (const slot of ofKind) {
      if (slot.barcode) {
        full.push({ slot: slot.index, barcode: slot.barcode });
        if (run) empty.push(run);
        run = undefined;
      } else if (run && run.last === slot.index - 1) {
        run.last = slot.index;
      } else {
        if (run) empty.push(run);
        run = { first: slot.index, last: slot.index };
      }
    }
    if (run) empty.push(run);
    groups.push({ kind, label, first: ofKind[0]?.index ?? 0, last: ofKind[ofKind.length - 1]?.index ?? 0, full, empty });
  }
  return groups;
}

export function describeRange(range: EmptyRange): string {
  return range.first === range.last ? `Slot ${range.first}` : `Slots ${range.first}–${range.last}`;
}
