// Builds catalog records for tests and benchmarks.
import type { ArchiveRecord, CatalogMember } from '../../../src/extension/catalog/catalogRecords';

export const GATEWAY = 'arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12A3456B';

export function member(path: string, extra: Partial<CatalogMember> = {}): CatalogMember {
  return { path, type: 'file', size: 12, mtime: Date.UTC(2026, 11, 1, 12), mode: 0o644, owner: 'ssm-user/ssm-user', ...extra };
}

export function archive(barcode: string, number: number, paths: readonly string[], extra: Partial<ArchiveRecord> = {}): ArchiveRecord {
  return { kind: 'archive', gatewayArn: GATEWAY, barcode, archive: number, blockSize: 65536, writtenAt: Date.UTC(2026, 11, 1, 13), source: 'write', members: paths.map((p) => member(p)), ...extra };
}
