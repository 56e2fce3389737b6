import { useApolloClient, useSubscription } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../auth/session';
import { applyEvent, type AssessmentEvent } from './applyEvent';
import { AssessmentEventsSubscription, AssessmentLiveStateQuery } from './documents';

/** offline: the socket dropped or its heartbeat went unanswered; live again after catching up by seq */
export type LiveStatus = 'connecting' | 'live' | 'resyncing' | 'offline';

/**
 * Keeps an assessment live, as docs/realtime.md says: subscribe first and buffer; once the page's
 * query has given a seq, drop what it already contains and apply the rest in order; on a gap in
 * seq (an event whose fromSeq is not the last seq + 1) or after the socket reconnects, refetch
 * the assessment's state and resume from its seq.
 *
 * `loadedSeq` is the seq of the page's own query (undefined while it loads).
 */
export function useAssessmentLive(
  assessmentId: string,
  loadedSeq: number | undefined,
  /** a page whose query holds more than the common live state refetches its own; returns the seq */
  refetchState?: () => Promise<number | undefined>,
): { status: LiveStatus; lastEvent: AssessmentEvent | null } {
  const client = useApolloClient();
  const { connection } = useSession();
  const lastSeq = useRef<number | null>(null);
  const buffer = useRef<AssessmentEvent[]>([]);
  const resyncing = useRef(false);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [lastEvent, setLastEvent] = useState<AssessmentEvent | null>(null);
  const refetchRef = useRef(refetchState);
  refetchRef.current = refetchState;

  const handle = useCallback(
    (ev: AssessmentEvent): void => {
      if (lastSeq.current === null || resyncing.current) {
        buffer.current.push(ev);
        return;
      }
      if (ev.seq <= lastSeq.current) return; // already in what we hold
      if (ev.fromSeq > lastSeq.current + 1) {
        buffer.current.push(ev);
        void resync();
        return;
      }
      applyEvent(client.cache, ev);
      lastSeq.current = ev.seq;
      setLastEvent(ev);
      // an assignment (ids only in the event) or evidence (lists are not in the event): refetch
      // an appraisal's raw input is not in the event either
      if (ev.kinds.some((k) => k === 'ASSIGNED' || k === 'EVIDENCE' || (k === 'APPRAISED' && refetchRef.current))) void resync();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client],
  );

  const flush = useCallback(() => {
    const pending = buffer.current.sort((a, b) => a.seq - b.seq);
    buffer.current = [];
    pending.forEach(handle);
  }, [handle]);

  const resync = useCallback(async (): Promise<void> => {
    if (resyncing.current) return;
    resyncing.current = true;
    setStatus('resyncing');
    try {
      if (refetchRef.current) {
        const seq = await refetchRef.current();
        if (seq !== undefined) lastSeq.current = seq;
      } else {
        const { data } = await client.query({ query: AssessmentLiveStateQuery, variables: { id: assessmentId }, fetchPolicy: 'network-only' });
        if (data) lastSeq.current = data.assessment.seq;
      }
    } catch {
      // the next event or reconnect tries again
    } finally {
      resyncing.current = false;
      setStatus(connection.socketState() === 'lost' ? 'offline' : 'live');
      flush();
    }
  }, [client, assessmentId, flush, connection]);

  // the page's query gives the starting point
  useEffect(() => {
    if (loadedSeq === undefined || lastSeq.current !== null) return;
    lastSeq.current = loadedSeq;
    flush();
  }, [loadedSeq, flush]);

  useEffect(() => {
    lastSeq.current = loadedSeq ?? null;
    buffer.current = [];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [assessmentId]);

  useEffect(() => connection.onReconnected(() => void resync()), [connection, resync]);

  // the badge tells the truth: the connection is gone until it is back and caught up (resync)
  useEffect(
    () =>
      connection.onSocketState((s) => {
        if (s === 'lost') setStatus('offline');
      }),
    [connection],
  );

  useSubscription(AssessmentEventsSubscription, {
    variables: { id: assessmentId },
    fetchPolicy: 'no-cache',
    onData: ({ data }) => {
      if (data.data) handle(data.data.assessmentEvents);
    },
  });

  useEffect(() => {
    if (loadedSeq !== undefined && status === 'connecting') setStatus('live');
  }, [loadedSeq, status]);

  return { status, lastEvent };
}
