import { fromHundredths } from '../../common/decimal';
import type { ScoreEntry } from './score-entry.entity';

/** What a snapshot is made of: a ScoreEntry, or the same facts read as a plain row. */
export type SnapshotFacts = Pick<ScoreEntry, 'id' | 'version' | 'input' | 'selfScoreH' | 'notApplicable' | 'comment' | 'state' | 'updatedAt'> & {
  updatedBy?: { id: string } | null;
};

/** The JSON-safe state of an entry, as history rows and CONFLICT errors carry it. */
export function entrySnapshot(e: SnapshotFacts) {
  return {
    id: e.id,
    version: e.version,
    value: e.input ?? null,
    selfScore: e.selfScoreH == null ? null : fromHundredths(e.selfScoreH),
    notApplicable: e.notApplicable,
    comment: e.comment ?? null,
    state: e.state,
    updatedAt: e.updatedAt.toISOString(),
    updatedById: e.updatedBy?.id ?? null,
  };
}
