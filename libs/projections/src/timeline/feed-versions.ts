import type { DiplomaticEventFacts, RecordStatus } from '@app/domain';
import type { RecordView } from './record-view';

/**
 * What a feed reads of each version up front: what a change is (position, type, instant) and
 * what a list of changes shows (the record's id and title). A backlog read reads hundreds of
 * thousands of rows, and every column is a string made and later collected.
 */
export const FEED_COLUMNS = 'v.event_id, v.tx_from, v.position, v.change_type, v.title';

export type FeedColumns = [
  event_id: string,
  tx_from: string,
  position: number | bigint,
  change_type: 'RECORDED' | 'AMENDED' | 'RETRACTED',
  title: string,
];

/** The rest of a version, read for a whole page of a feed once one of its changes needs it. */
export const DETAIL_COLUMNS =
  'position, revision, status, first_recorded_at, first_recorded_by, facts';

export type DetailColumns = [
  position: number | bigint,
  revision: number,
  status: string,
  first_recorded_at: string,
  first_recorded_by: string | null,
  facts: string,
];

/**
 * The details of the versions of a feed's page that were not already parsed, read in one
 * statement the first time any of them is needed. A version never changes once written (only
 * its transaction-time end does, which is not read here), so reading them later gives what
 * reading them with the page would have. Once read, they live as long as any view of the page
 * does: a backlog page until it is sent; a live tail until the next append (the feed keeps up
 * to 256 recent tails for followers that share them), a few rows each.
 */
export class PageDetails {
  private rows: Map<number, DetailColumns> | undefined;

  constructor(
    private readonly positions: readonly number[],
    private readonly read: (positions: readonly number[]) => readonly DetailColumns[],
  ) {}

  of(position: number): DetailColumns {
    // Kept only once the read succeeds: a read that throws (a busy or closing database) is
    // tried again by the next version that needs it, instead of leaving the page empty.
    this.rows ??= this.readAll();
    const row = this.rows.get(position);
    // Only a read model discarded and rebuilt under a running feed could lose a version.
    if (!row) throw new Error(`version at position ${position} is missing from the read model`);
    return row;
  }

  private readAll(): Map<number, DetailColumns> {
    const rows = new Map<number, DetailColumns>();
    for (const row of this.read(this.positions)) rows.set(Number(row[0]), row);
    return rows;
  }
}

/**
 * A version read for a feed: the columns of `FEED_COLUMNS` at hand, the rest read with its
 * page's details when first needed, and the facts parsed when first read. A subscription that
 * selects only a change's cursor, type and instant and its record's id, title and last update
 * reads nothing more; any other field of the record reads the page's details (one statement
 * per page).
 */
export class FeedVersionView implements RecordView {
  readonly id: string;
  readonly updatedAt: string;
  readonly position: bigint;
  readonly title: string;
  private readonly at: number;
  private parsed: DiplomaticEventFacts | undefined;

  constructor(
    columns: FeedColumns,
    private readonly page: PageDetails,
  ) {
    this.id = columns[0];
    this.updatedAt = columns[1];
    this.at = Number(columns[2]);
    this.position = BigInt(columns[2]);
    this.title = columns[4];
  }

  private get details(): DetailColumns {
    return this.page.of(this.at);
  }

  get revision(): number {
    return this.details[1];
  }

  get status(): RecordStatus {
    return this.details[2] as RecordStatus;
  }

  get recordedAt(): string {
    return this.details[3];
  }

  get recordedBy(): string | null {
    return this.details[4];
  }

  get facts(): DiplomaticEventFacts {
    return (this.parsed ??= JSON.parse(this.details[5]) as DiplomaticEventFacts);
  }
}
