import { Link } from '../../app/router';
import type { Phase } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { useUser } from '../auth/session';

/** From a period to its results (ranking, group subtotals, improvement list, downloads). */
export function PeriodLinks({ periodId }: { periodId: string; phase: Phase }) {
  const { t } = useI18n();
  const { role } = useUser();
  return (
    <div className="head-side">
      <Link className="button" to={`/periods/${periodId}/results`}>
        {t('results.title')}
      </Link>
      {role === 'ADMIN' && (
        <Link className="button" to={`/periods/${periodId}/council`}>
          {t('council.title')}
        </Link>
      )}
    </div>
  );
}
