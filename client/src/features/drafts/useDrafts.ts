import { useSyncExternalStore } from 'react';
import { draftCriteria, subscribeDrafts } from './store';

/** The criteria of an assessment where this person has an unsaved draft; re-renders when one changes. */
export function useDraftCriteria(userId: string, assessmentId: string): ReadonlySet<string> {
  const snapshot = () => draftCriteria(userId, assessmentId);
  return useSyncExternalStore(subscribeDrafts, snapshot, snapshot);
}
