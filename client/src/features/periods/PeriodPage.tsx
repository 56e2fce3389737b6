import { useQuery, useSubscription } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { errorCode } from '../../app/errors';
import { PageError, PageLoading } from '../../app/PageState';
import { Link } from '../../app/router';
import type { Phase, PeriodProgressSubscription as PeriodProgressEvent, UnitCompletion_AssessmentFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { useUser } from '../auth/session';
import { ProgressBar } from '../progress/ProgressBar';
import { Figure } from '../figures/Figure';
import { applicableMaxOf } from '../figures/figures';
import { PeriodMonitorQuery, PeriodProgressSubscription } from './documents';
import { NEXT_PHASES, PHASE_ORDER, useSetPeriodPhaseMutation } from './hooks';
import { PhaseConfirm } from './PhaseConfirm';
import { PeriodLinks } from './PeriodLinks';
import { PeriodEditForm } from './PeriodEditForm';

type UnitRow = PeriodProgressEvent['periodProgress']['units'][number];

/** One period: its phase (ADMIN moves it on) and every unit's completion, live. */
export function PeriodPage({ periodId }: { periodId: string }) {
  const { t, fmt } = useI18n();
  const user = useUser();
  const { data, error } = useQuery(PeriodMonitorQuery, { variables: { id: periodId } });
  const [live, setLive] = useState<Map<string, UnitRow>>(new Map());
  const [editing, setEditing] = useState(false);
  const watches = user.role === 'ADMIN' || user.role === 'VIEWER';
  useSubscription(PeriodProgressSubscription, {
    variables: { id: periodId },
    skip: !watches,
    fetchPolicy: 'no-cache',
    onData: ({ data: ev, client }) => {
      // another ADMIN (or tab) moved the period: its phase steps follow
      const phase = ev.data?.periodProgress.phase;
      if (phase) client.cache.modify({ id: client.cache.identify({ __typename: 'Period', id: periodId }), fields: { phase: () => phase } });
      const units = ev.data?.periodProgress.units ?? [];
      setLive((prev) => {
        const next = new Map(prev);
        for (const u of units) if ((next.get(u.assessmentId)?.seq ?? -1) < u.seq) next.set(u.assessmentId, u);
        return next;
      });
    },
  });
  const p = data?.period;
  const rootIds = useMemo(() => new Set((p?.framework.criteria ?? []).filter((c) => !c.parentId).map((c) => c.id)), [p?.framework.criteria]);

  if (error && !p) return <PageError error={error} />;
  if (!p) return <PageLoading />;

  const rows = p.assessments
    .map((a) => completion(a, rootIds, p.framework.maxScore, live.get(a.id)))
    .sort((x, y) => x.name.localeCompare(y.name, 'vi'));

  return (
    <main aria-labelledby="period-title">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link to="/periods">{t('nav.periods')}</Link>
          </p>
          <h1 id="period-title">{p.name}</h1>
          <p className="muted">
            {p.framework.name} · {t(`unitKind.${p.framework.unitKind}`)} · {p.year}
            {p.selfAssessmentDeadline ? ` · ${t('my.deadline', { date: fmt.date(p.selfAssessmentDeadline) })}` : ''}
          </p>
        </div>
        <PeriodLinks periodId={p.id} phase={p.phase} />
        {user.role === 'ADMIN' && !editing && (
          <button type="button" onClick={() => setEditing(true)}>
            {t('period.edit')}
          </button>
        )}
      </header>
      {editing && <PeriodEditForm period={p} onDone={() => setEditing(false)} />}
      <PhaseBar periodId={p.id} phase={p.phase} canMove={user.role === 'ADMIN'} />
      <section className="card" aria-labelledby="units-title">
        <h2 id="units-title">
          {t('period.units')} {watches && <span className="live-dot" title={t('live.live')} aria-label={t('live.live')} />}
        </h2>
        <table className="table" data-testid="unit-completion">
          <thead>
            <tr>
              <th scope="col">{t('period.unit')}</th>
              <th scope="col">{t('period.status')}</th>
              <th scope="col" className="wide">{t('period.completion')}</th>
              <th scope="col" className="num">{t('period.selfTotal')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid={`unit-${r.name}`}>
                <td>
                  <Link to={user.role === 'APPRAISER' ? `/appraisal/${r.id}` : `/assessments/${r.id}/overview`}>{r.name}</Link>
                  {user.role === 'ADMIN' && ['SUBMITTED', 'RETURNED', 'APPRAISED', 'FINAL'].includes(r.status) && (
                    <>
                      {' · '}
                      <Link to={`/appraisal/${r.id}`} className="small">
                        {t('appraisal.title')}
                      </Link>
                    </>
                  )}
                </td>
                <td>
                  <span className={`status status-${r.status}`}>{t(`status.${r.status}`)}</span>
                </td>
                <td>
                  <div className="bar-with-text">
                    <ProgressBar done={r.done} total={r.leaves} />
                    <span className="muted small">
                      {fmt.int(r.done)}/{fmt.int(r.leaves)} ({fmt.percent(r.leaves ? r.done / r.leaves : 0, 0)})
                    </span>
                  </div>
                </td>
                <td className="num">
                  <Figure testId="unit-self-total" strong={false} score={r.selfTotal} max={r.maxScore} applicableMax={r.applicableMax} pending={r.pending} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}

/** A unit's row: from the live event when it is newer than the query. The denominator is the framework's max (figures.ts). */
function completion(a: UnitCompletion_AssessmentFragment, rootIds: ReadonlySet<string>, frameworkMax: number, live: UnitRow | undefined) {
  if (live && live.seq >= a.seq) {
    return {
      id: a.id,
      name: a.unit.name,
      status: live.status,
      leaves: live.leaves,
      done: live.leavesDone,
      selfTotal: live.selfTotal,
      maxScore: live.maxScore,
      applicableMax: live.applicableMaxScore,
      pending: live.pendingMaxScore,
    };
  }
  const roots = a.progress.filter((p) => rootIds.has(p.criterionId));
  return {
    id: a.id,
    name: a.unit.name,
    status: a.status,
    leaves: roots.reduce((s, p) => s + p.leaves, 0),
    done: roots.reduce((s, p) => s + p.leavesScored, 0),
    selfTotal: a.selfTotal,
    maxScore: frameworkMax,
    applicableMax: applicableMaxOf(roots, () => true),
    pending: a.pendingMaxScore,
  };
}

function PhaseBar({ periodId, phase, canMove }: { periodId: string; phase: Phase; canMove: boolean }) {
  const { t } = useI18n();
  const [setPhase, { loading, error }] = useSetPeriodPhaseMutation();
  const [target, setTarget] = useState<Phase | null>(null);
  const at = PHASE_ORDER.indexOf(phase);
  return (
    <section className="card phases" aria-labelledby="phase-title">
      <h2 id="phase-title" className="sr-only">{t('period.phase')}</h2>
      <ol className="phase-steps">
        {PHASE_ORDER.map((ph, i) => (
          <li key={ph} className={i < at ? 'past' : i === at ? 'current' : 'future'} aria-current={i === at ? 'step' : undefined}>
            {t(`phase.${ph}`)}
          </li>
        ))}
      </ol>
      {canMove && NEXT_PHASES[phase].length > 0 && (
        <div className="phase-actions">
          {NEXT_PHASES[phase].map((next) => (
            <button key={next} type="button" className={next === NEXT_PHASES[phase][0] ? 'primary' : ''} disabled={loading} onClick={() => setTarget(next)}>
              {t('period.moveTo', { phase: t(`phase.${next}`) })}
            </button>
          ))}
        </div>
      )}
      <PhaseConfirm
        periodId={periodId}
        target={target}
        busy={loading}
        onCancel={() => setTarget(null)}
        onConfirm={() => {
          const next = target!;
          setTarget(null);
          void setPhase(periodId, next, true).catch(() => undefined);
        }}
      />
      {error && <p className="problem" role="alert">{errorCode(error) === 'PHASE_CLOSED' ? t('period.phaseRefused') : t('error.network')}</p>}
    </section>
  );
}
