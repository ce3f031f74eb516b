import type { DiplomaticEventFacts, RecordStatus } from '@app/domain';

/** A record as the read side shows it: one version of it, with its bookkeeping. */
export interface RecordView {
  readonly id: string;
  readonly revision: number;
  readonly status: RecordStatus;
  readonly facts: DiplomaticEventFacts;
  /** When and by whom the record was first recorded. */
  readonly recordedAt: string;
  readonly recordedBy: string | null;
  /** When this version was recorded (transaction time of the last change). */
  readonly updatedAt: string;
  /** Global position of the stored event that produced this version. */
  readonly position: bigint;
}

export interface RevisionView {
  readonly revision: number;
  readonly changeType: 'RECORDED' | 'AMENDED' | 'RETRACTED';
  readonly reason: string | null;
  readonly recordedAt: string;
  readonly recordedBy: string | null;
  readonly changedFields: readonly string[];
  readonly position: bigint;
}

export interface VersionRow {
  event_id: string;
  revision: number;
  status: string;
  tx_from: string;
  position: number | bigint;
  first_recorded_at: string;
  first_recorded_by: string | null;
  facts: string;
}

export const VERSION_COLUMNS =
  'v.event_id, v.revision, v.status, v.tx_from, v.position, v.first_recorded_at, v.first_recorded_by, v.facts';

export function toRecordView(row: VersionRow): RecordView {
  return {
    id: row.event_id,
    revision: row.revision,
    status: row.status as RecordStatus,
    facts: JSON.parse(row.facts) as DiplomaticEventFacts,
    recordedAt: row.first_recorded_at,
    recordedBy: row.first_recorded_by,
    updatedAt: row.tx_from,
    position: BigInt(row.position),
  };
}
