// The catalogs of every connection in one folder: one journal per lab region or AWS account and region, opened on demand.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseStorageGatewayArn } from '../../tape/arns';
import { CatalogJournal, type JournalLoad } from './CatalogJournal';

export type ConnectionKind = 'lab' | 'aws';

export interface CatalogScope {
  readonly kind: ConnectionKind;
  readonly region: string;
  /** Unknown until a gateway or tape ARN names it; then only that account's catalog is read. */
  readonly accountId?: string;
}

/** File name of a catalog: "lab-123456789012-us-east-1.jsonl", "aws-111122223333-eu-west-1.jsonl". */
function catalogFileName(kind: ConnectionKind, accountId: string, region: string): string {
  return `${kind}-${accountId}-${region}.jsonl`;
}

export class CatalogStore {
  private readonly open = new Map<string, Promise<CatalogJournal>>();

  constructor(
    readonly folder: string,
    /** Told when a journal had damaged or torn records at load. */
    private readonly onLoad: (file: string, load: JournalLoad) => void = () => undefined,
  ) {}

  /** The journal of the account and region a gateway ARN names. */
  forGateway(kind: ConnectionKind, gatewayArn: string): Promise<CatalogJournal> {
    const parsed = parseStorageGatewayArn(gatewayArn);
    if (!parsed) throw new Error(`"${gatewayArn}" is not a Storage Gateway ARN.`);
    return this.journal(catalogFileName(kind, parsed.accountId, parsed.region));
  }

  /** Every journal in scope (for an unknown account: all accounts in the region). */
  async inScope(scope: CatalogScope): Promise<CatalogJournal[]> {
    let names: string[] = [];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const pattern = new RegExp(`^${scope.kind}-(\\d+)-${scope.region.replace(/[^a-z0-9-]/g, '')}\\.jsonl$`);
    const wanted = names.filter((name) => {
      const match = pattern.exec(name);
      return match && (scope.accountId === undefined || match[1] === scope.accountId);
    });
    return Promise.all(wanted.sort().map((name) => this.journal(name)));
  }

  private journal(name: string): Promise<CatalogJournal> {
    let journal = this.open.get(name);
    if (!journal) {
      journal = CatalogJournal.open(join(this.folder, name)).then(({ journal: opened, load }) => {
        if (load.damagedLines > 0 || load.tornBytes > 0) this.onLoad(name, load);
        return opened;
      });
      this.open.set(name, journal);
      journal.catch(() => this.open.delete(name));
    }
    return journal;
  }
}
