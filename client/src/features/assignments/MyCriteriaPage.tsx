import { useQuery, useSubscription } from '@apollo/client/react';
import { Link } from '../../app/router';
import { PageError, PageLoading } from '../../app/PageState';
import { graphql } from '../../gql';
import type { MyCriteria_EntryFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { BlockersList, useBlockers } from '../blockers/BlockersList';
import { ProgressBar } from '../progress/ProgressBar';
import { Figure } from '../figures/Figure';
import { NotificationAddedSubscription } from '../notifications/documents';

export const MyCriteriaEntry = graphql(`
  fragment MyCriteria_entry on ScoreEntry {
    id
    state
    selfScore
    notApplicable
    updatedAt
    criterion {
      id
      code
      title
      maxScore
    }
    assessment {
      id
      status
      unit {
        id
        name
      }
      period {
        ...PeriodHeading_period
        selfAssessmentDeadline
      }
    }
  }
`);

export const MyAssignmentsQuery = graphql(`
  query MyAssignments {
    myAssignments {
      ...MyCriteria_entry
    }
  }
`);

/** "My criteria": what is assigned to me, across periods, grouped by assessment, with states. */
export function MyCriteriaPage() {
  const { t, fmt } = useI18n();
  const { data, error, refetch } = useQuery(MyAssignmentsQuery);
  // a leader assigns or takes back a criterion: the server notifies me, and the list is fetched again
  useSubscription(NotificationAddedSubscription, {
    onData: ({ data: live }) => {
      if (live.data?.notificationAdded.notifications.some((n) => n.kind === 'ASSIGNED' || n.kind === 'UNASSIGNED')) void refetch();
    },
  });
  if (error && !data) return <PageError error={error} />;
  if (!data) return <PageLoading />;

  const groups = new Map<string, MyCriteria_EntryFragment[]>();
  for (const e of data.myAssignments) {
    const list = groups.get(e.assessment.id) ?? [];
    list.push(e);
    groups.set(e.assessment.id, list);
  }

  return (
    <main aria-labelledby="my-title">
      <header className="page-head">
        <h1 id="my-title">{t('my.title')}</h1>
      </header>
      {groups.size === 0 && <p className="card muted">{t('my.none')}</p>}
      {[...groups.values()].map((list) => {
        const a = list[0].assessment;
        const done = list.filter((e) => e.state === 'DONE').length;
        return (
          <section key={a.id} className="card assignment-group" aria-labelledby={`g-${a.id}`}>
            <header className="group-head">
              <div>
                <h2 id={`g-${a.id}`}>
                  {a.period.name} · {a.unit.name}
                </h2>
                <p className="muted">
                  {t(`phase.${a.period.phase}`)} · {t(`status.${a.status}`)}
                  {a.period.selfAssessmentDeadline ? ` · ${t('my.deadline', { date: fmt.date(a.period.selfAssessmentDeadline) })}` : ''}
                </p>
              </div>
              <div className="group-progress">
                <ProgressBar done={done} total={list.length} />
                <span className="muted">{t('my.done', { done: fmt.int(done), total: fmt.int(list.length) })}</span>
                <Link className="button primary" to={`/assessments/${a.id}`}>
                  {t('my.open')}
                </Link>
              </div>
            </header>
            <table className="table my-criteria">
              <thead>
                <tr>
                  <th scope="col">{t('table.code')}</th>
                  <th scope="col">{t('table.criterion')}</th>
                  <th scope="col">{t('table.state')}</th>
                  <th scope="col" className="num">{t('table.score')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((e) => (
                  <tr key={e.id}>
                    <td className="code">{e.criterion.code}</td>
                    <td>
                      <Link to={`/assessments/${a.id}?c=${e.criterion.id}`}>{e.criterion.title}</Link>
                    </td>
                    <td>
                      <span className={`state state-${e.state}`}>{t(`state.${e.state}`)}</span>
                    </td>
                    <td className="num">
                      <Figure strong={false} score={e.selfScore} max={e.criterion.maxScore} notApplicable={e.notApplicable} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {(a.status === 'NOT_STARTED' || a.status === 'IN_PROGRESS' || a.status === 'RETURNED') && (
              <MyBlockers assessmentId={a.id} criterionIds={list.map((e) => e.criterion.id)} />
            )}
          </section>
        );
      })}
    </main>
  );
}

/** What of mine still keeps the unit from submitting, as the server sees it. */
function MyBlockers({ assessmentId, criterionIds }: { assessmentId: string; criterionIds: readonly string[] }) {
  const { t } = useI18n();
  const { blockers } = useBlockers(assessmentId, undefined);
  if (!blockers) return null;
  const mine = new Set(criterionIds);
  const own = blockers.filter((b) => mine.has(b.criterionId));
  return (
    <div className="my-blockers" aria-label={t('blockers.mine')}>
      <h3>{t('blockers.mine')}</h3>
      {own.length === 0 ? <p className="ok">{t('blockers.mineNone')}</p> : <BlockersList assessmentId={assessmentId} blockers={own} />}
    </div>
  );
}
