import type { Config } from '../../config';
import type { Em } from '../../orm';
import { DatabaseEvidenceStore } from './evidence.db-store';
import { DiskEvidenceStore, type EvidenceStore } from './evidence.storage';

/** The store EVIDENCE_STORE names: this machine's disk (default) or the database. */
export function evidenceStoreOf(config: Pick<Config, 'evidenceStore' | 'evidenceDir'>, fork: () => Em): EvidenceStore {
  return config.evidenceStore === 'database' ? new DatabaseEvidenceStore(fork, config.evidenceDir) : new DiskEvidenceStore(config.evidenceDir);
}
