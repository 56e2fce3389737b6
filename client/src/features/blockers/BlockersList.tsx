import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { Link } from '../../app/router';
import { useI18n } from '../../i18n';
import { AssessmentBlockersQuery } from './documents';

/**
 * What keeps the assessment from being submitted, as the server sees it (Assessment.blockers):
 * the same list submitAssessment refuses with. Refetched whenever the assessment's seq moves.
 */
export function useBlockers(assessmentId: string, seq: number | undefined) {
  const q = useQuery(AssessmentBlockersQuery, { variables: { id: assessmentId }, fetchPolicy: 'cache-and-network' });
  const { refetch } = q;
  useEffect(() => {
    if (seq !== undefined) void refetch().catch(() => undefined);
  }, [seq, refetch]);
  return { blockers: q.data?.assessment.blockers, loading: q.loading && !q.data };
}

export function BlockersList({ assessmentId, blockers }: { assessmentId: string; blockers: readonly { criterionId: string; code: string; title: string; reason: string }[] }) {
  const { t, fmt } = useI18n();
  const criteria = new Set(blockers.map((b) => b.criterionId)).size;
  return (
    <>
      <p className="muted">{t('blockers.count', { count: fmt.int(criteria) })}</p>
      <ul className="blockers" data-testid="blockers">
        {blockers.map((b) => (
          <li key={`${b.criterionId}-${b.reason}`} data-reason={b.reason}>
            <Link to={`/assessments/${assessmentId}?c=${b.criterionId}`}>
              <span className="code">{b.code}</span> {b.title}
            </Link>{' '}
            <span className={`blocker blocker-${b.reason}`}>{t(`blocker.${b.reason as 'NOT_SCORED'}`)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
