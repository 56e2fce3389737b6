import { useMutation, useSubscription } from '@apollo/client/react';
import { useEffect, useMemo } from 'react';
import { LeavePresenceMutation, PresenceSubscription, UpdatePresenceMutation } from './documents';

/** One id per browser tab: two tabs of one person are two presences. */
export const TAB_SESSION_ID = `tab-${Math.random().toString(36).slice(2, 12)}${Date.now().toString(36)}`;

export const PRESENCE_REFRESH_MS = 5000;

export interface PresentMember {
  userId: string;
  name: string;
  criterionId: string | null;
}

/**
 * Being present in an assessment: the presence subscription (with this tab's session id) keeps
 * the member list; updatePresence says which criterion this tab edits, now and every 5 s.
 */
export function usePresence(assessmentId: string, criterionId: string | null): PresentMember[] {
  const { data } = useSubscription(PresenceSubscription, { variables: { id: assessmentId, sessionId: TAB_SESSION_ID }, fetchPolicy: 'no-cache' });
  const [update] = useMutation(UpdatePresenceMutation);
  const [leave] = useMutation(LeavePresenceMutation);

  useEffect(() => {
    const send = () => void update({ variables: { id: assessmentId, sessionId: TAB_SESSION_ID, criterionId } }).catch(() => undefined);
    send();
    const timer = setInterval(send, PRESENCE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [assessmentId, criterionId, update]);

  useEffect(() => () => void leave({ variables: { id: assessmentId, sessionId: TAB_SESSION_ID } }).catch(() => undefined), [assessmentId, leave]);

  const members = data?.presence.members;
  return useMemo(() => {
    const seen = new Set<string>();
    return (members ?? [])
      .map((m) => ({ userId: m.userId, name: m.name, criterionId: m.criterionId ?? null }))
      .filter((m) => {
        const key = `${m.userId}:${m.criterionId}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  }, [members]);
}
