import { useQuery, useSubscription } from '@apollo/client/react';
import { PageError, PageLoading } from '../../app/PageState';
import { Link } from '../../app/router';
import { useI18n } from '../../i18n';
import { AssessmentEventsSubscription } from '../live/documents';
import { ProgressBar } from '../progress/ProgressBar';
import { MyCouncilUnitsQuery } from './documents';

const READABLE = ['SUBMITTED', 'RETURNED', 'APPRAISED', 'FINAL'];

/** Follows one unit's assessment live; any change refreshes the list. */
function Follow({ assessmentId, onChange }: { assessmentId: string; onChange: () => void }) {
  useSubscription(AssessmentEventsSubscription, { variables: { id: assessmentId }, onData: onChange });
  return null;
}

/** An appraiser's units: those whose council they sit on, with their appraisal progress, live. */
export function MyUnitsPage() {
  const { t } = useI18n();
  const { data, error, refetch } = useQuery(MyCouncilUnitsQuery);
  if (error && !data) return <PageError error={error} />;
  if (!data) return <PageLoading />;
  const rows = data.myCouncilUnits;
  return (
    <main aria-labelledby="myunits-title">
      <header className="page-head">
        <h1 id="myunits-title">{t('myUnits.title')}</h1>
      </header>
      {rows.length === 0 ? (
        <p className="card muted">{t('myUnits.none')}</p>
      ) : (
        <table className="table card" data-testid="my-units">
          <thead>
            <tr>
              <th scope="col">{t('council.unit')}</th>
              <th scope="col">{t('myUnits.period')}</th>
              <th scope="col">{t('myUnits.role')}</th>
              <th scope="col">{t('myUnits.status')}</th>
              <th scope="col">{t('myUnits.progress')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.assessmentId}>
                <th scope="row">
                  {READABLE.includes(u.status) ? <Link to={`/appraisal/${u.assessmentId}`}>{u.unit.name}</Link> : u.unit.name}
                  {READABLE.includes(u.status) && <Follow assessmentId={u.assessmentId} onChange={() => void refetch()} />}
                </th>
                <td>{u.period.name}</td>
                <td>
                  {u.chair ? t('council.chair') : t('council.member')}
                  {u.groups.length > 0 && ` · ${u.groups.map((g) => g.code).join(', ')}`}
                </td>
                <td>
                  {t(`status.${u.status}`)}
                  {u.signed && ` · ${t('sign.signed')}`}
                </td>
                <td>
                  <ProgressBar done={u.leavesAppraised} total={u.leaves} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
