import { Link } from '../../app/router';
import type { PeriodRow_PeriodFragment, Session_UserFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';

/**
 * The last cell of a periods row: a unit's people get their own assessment (or "—" with the
 * reason when their unit is not part of the period), the province the number of units taking part.
 */
export function YourAssessmentCell({ period, user }: { period: Pick<PeriodRow_PeriodFragment, 'id' | 'phase' | 'assessments'>; user: Session_UserFragment }) {
  const { t, fmt } = useI18n();
  const unitMember = user.role === 'LEADER' || user.role === 'STAFF';
  const own = unitMember ? period.assessments.find((a) => a.unit.id === user.unit?.id) : undefined;
  return (
    <td>
      {own ? (
        <Link to={user.role === 'LEADER' ? `/assessments/${own.id}/overview` : `/assessments/${own.id}`}>
          {own.unit.name} · {t(`status.${own.status}`)}
        </Link>
      ) : unitMember ? (
        <span className="muted" role="img" title={t('periods.notPart')} aria-label={t('periods.notPart')}>
          —
        </span>
      ) : (
        fmt.int(period.assessments.length)
      )}
      {unitMember && period.phase === 'PUBLISHED' && (
        <>
          {' · '}
          <Link to={`/periods/${period.id}/results`}>{t('results.title')}</Link>
        </>
      )}
    </td>
  );
}
