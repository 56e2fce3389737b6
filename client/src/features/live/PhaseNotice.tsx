import { useEffect, useState } from 'react';
import type { Phase } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import type { AssessmentEvent } from './applyEvent';

/**
 * The phase the period moved to while the page was open (a PHASE_CHANGED event), or null. The
 * controls follow the cache by themselves (applyEvent moves the period's phase); this says why.
 */
export function usePhaseMove(lastEvent: AssessmentEvent | null): Phase | null {
  const [movedTo, setMovedTo] = useState<Phase | null>(null);
  useEffect(() => {
    if (lastEvent?.phase && lastEvent.kinds.includes('PHASE_CHANGED')) setMovedTo(lastEvent.phase);
  }, [lastEvent]);
  return movedTo;
}

/** "The period has just moved to …" and what that means for this page (`detail`). */
export function PhaseNotice({ phase, detail }: { phase: Phase | null; detail: string }) {
  const { t } = useI18n();
  if (!phase) return null;
  return (
    <p className="notice" role="status" data-testid="phase-notice">
      {t('live.phaseChanged', { phase: t(`phase.${phase}`) })} {detail}
    </p>
  );
}
