import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { errorCode, errorProblems } from '../../app/errors';
import { PageError, PageLoading } from '../../app/PageState';
import { Link } from '../../app/router';
import type { EntryEditor_EntryFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { problemText } from '../../i18n/problems';
import { useUser } from '../auth/session';
import { Avatars } from '../live/Avatars';
import { LiveBadge } from '../live/LiveBadge';
import { useAssessmentLive } from '../live/useAssessmentLive';
import { usePresence } from '../live/usePresence';
import { ProgressBar } from '../progress/ProgressBar';
import { ProgressTree, type LeafInfo } from '../progress/ProgressTree';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { BlockersList, useBlockers } from '../blockers/BlockersList';
import { Figure } from '../figures/Figure';
import { applicableMaxOf } from '../figures/figures';
import { AssessmentOverviewQuery, UnitPeopleQuery } from './documents';
import { useAssignCriteriaMutation, useSubmitAssessmentMutation } from './hooks';
import { PdfDownload } from '../results/PdfDownload';

/**
 * The leader's view of the unit's assessment: the live progress tree, progress per person,
 * assigning leaves and subtrees, what blocks submission, and submitting.
 */
export function OverviewPage({ assessmentId }: { assessmentId: string }) {
  const { t, fmt } = useI18n();
  const user = useUser();
  const { data, error } = useQuery(AssessmentOverviewQuery, { variables: { id: assessmentId } });
  const a = data?.assessment;
  const live = useAssessmentLive(assessmentId, a?.seq);
  const presence = usePresence(assessmentId, null);
  const isLeader = user.role === 'LEADER' && user.unit?.id === a?.unit.id;
  const people = useQuery(UnitPeopleQuery, { skip: !isLeader });
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const criteria = a?.period.framework.criteria ?? [];
  const leaves = useMemo(
    () => new Map<string, LeafInfo>((a?.entries ?? []).map((e) => [e.criterionId, { state: e.state, assigneeName: e.assignee?.name ?? null, notApplicable: e.notApplicable }])),
    [a?.entries],
  );

  if (error && !a) return <PageError error={error} />;
  if (!a) return <PageLoading />;

  const open = a.period.phase === 'SELF_ASSESSMENT' && (a.status === 'NOT_STARTED' || a.status === 'IN_PROGRESS');
  const codeOf = (id: string | null) => criteria.find((c) => c.id === id)?.code ?? null;
  const isRoot = (id: string) => criteria.find((c) => c.id === id)?.parentId == null;
  const roots = a.progress.filter((p) => isRoot(p.criterionId));
  const done = roots.reduce((s, p) => s + p.leavesScored, 0);
  const total = roots.reduce((s, p) => s + p.leaves, 0);
  const unitPeople = (people.data?.users ?? []).filter((u) => u.active && u.unit?.id === a.unit.id && (u.role === 'STAFF' || u.role === 'LEADER'));

  return (
    <main className="overview" aria-labelledby="ov-title">
      <header className="page-head">
        <div>
          <p className="crumbs">{a.period.name}</p>
          <h1 id="ov-title">{a.unit.name}</h1>
          <p className="muted">
            {t(`phase.${a.period.phase}`)} · <span data-testid="assessment-status">{t(`status.${a.status}`)}</span>
          </p>
        </div>
        <div className="head-side">
          <LiveBadge status={live.status} />
          <Avatars members={presence} meId={user.id} where={codeOf} />
          <PdfDownload path={`/export/assessment/${a.id}.pdf`} fallbackName={`${a.unit.name}.pdf`} title={t('report.scoreSheetPdf')} />
          <Link className="button" to={`/assessments/${a.id}`}>
            {t('overview.workspace')}
          </Link>
          <Link className="button" to={`/compare?left=${encodeURIComponent(a.id)}`}>
            {t('compare.other')}
          </Link>
        </div>
      </header>

      <section className="summary card" aria-label={t('overview.summary')}>
        <div className="big-number">
          <span className="label">{t('overview.selfTotal')}</span>
          <span className="total">
            <Figure testId="overview-total" score={a.selfTotal} max={a.period.framework.maxScore} applicableMax={applicableMaxOf(a.progress, isRoot)} pending={a.pendingMaxScore} />
          </span>
        </div>
        <div className="big-number grow">
          <span className="label">{t('overview.completion')}</span>
          <ProgressBar done={done} total={total} />
          <span className="muted">{t('workspace.done', { done: fmt.int(done), total: fmt.int(total) })}</span>
        </div>
      </section>

      <div className="overview-grid">
        <section className="card" aria-labelledby="tree-title">
          <h2 id="tree-title">{t('overview.tree')}</h2>
          {isLeader && open && (
            <AssignBar assessmentId={a.id} selected={selected} onDone={() => setSelected(new Set())} people={unitPeople.map((p) => ({ id: p.id, name: p.name }))} />
          )}
          <ProgressTree
            criteria={criteria}
            progress={a.progress}
            leaves={leaves}
            selection={isLeader && open ? { selected, onChange: setSelected } : undefined}
            hrefFor={(id) => `/assessments/${a.id}?c=${id}`}
          />
        </section>
        <aside className="side-col">
          <StaffProgress entries={a.entries} unitTotal={a.selfTotal} pending={a.pendingMaxScore} />
          <Blockers assessmentId={a.id} seq={a.seq} canSubmit={isLeader && open} status={a.status} unitName={a.unit.name} />
        </aside>
      </div>
    </main>
  );
}

function AssignBar({ assessmentId, selected, people, onDone }: { assessmentId: string; selected: ReadonlySet<string>; people: { id: string; name: string }[]; onDone(): void }) {
  const { t, fmt, lang } = useI18n();
  const [assign, { loading, error }] = useAssignCriteriaMutation();
  const [assignee, setAssignee] = useState('');
  const go = async () => {
    try {
      await assign(assessmentId, [...selected], assignee === '' ? null : assignee);
      onDone();
    } catch {
      /* shown below */
    }
  };
  return (
    <div className="assign-bar" role="group" aria-label={t('assign.title')}>
      <span>{t('assign.selected', { count: fmt.int(selected.size) })}</span>
      <label htmlFor="assignee" className="sr-only">
        {t('assign.to')}
      </label>
      <select id="assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
        <option value="">{t('assign.nobody')}</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <button type="button" className="primary" disabled={!selected.size || loading} onClick={go}>
        {t('assign.button')}
      </button>
      {error && <span className="problem" role="alert">{errorProblems(error).map((p) => problemText(lang, p)).join(' ') || t('error.network')}</span>}
    </div>
  );
}

/**
 * Progress and points per person. A person's points are the sum of their leaves' scores: group
 * caps, bonus and deduction on top, N/A rescaling and pending RELATIVE points are rules of the
 * unit's total, not of a person's leaves, so the table adds its rows up and says what the unit
 * total does beyond that sum when the two differ.
 */
export function StaffProgress({ entries, unitTotal, pending }: { entries: readonly EntryEditor_EntryFragment[]; unitTotal: number; pending: number }) {
  const { t, fmt } = useI18n();
  const rows = new Map<string, { name: string; total: number; done: number; points: number }>();
  for (const e of entries) {
    const key = e.assignee?.id ?? '';
    const row = rows.get(key) ?? { name: e.assignee?.name ?? t('staff.unassigned'), total: 0, done: 0, points: 0 };
    row.total += 1;
    if (e.state === 'DONE') row.done += 1;
    row.points += e.selfScore ?? 0;
    rows.set(key, row);
  }
  const list = [...rows.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : 0));
  const round2 = (n: number) => Math.round(n * 100) / 100;
  const sum = round2(list.reduce((s, [, r]) => s + round2(r.points), 0));
  return (
    <section className="card" aria-labelledby="staff-title">
      <h2 id="staff-title">{t('staff.title')}</h2>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">{t('staff.person')}</th>
            <th scope="col">{t('staff.progress')}</th>
            <th scope="col" className="num">{t('staff.points')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map(([id, r]) => (
            <tr key={id || 'none'} data-testid={`staff-${r.name}`}>
              <td>{r.name}</td>
              <td>
                <ProgressBar done={r.done} total={r.total} />
                <span className="muted small">
                  {fmt.int(r.done)}/{fmt.int(r.total)}
                </span>
              </td>
              <td className="num">{fmt.score(round2(r.points))}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="staff-sum">
            <th scope="row" colSpan={2}>{t('staff.sum')}</th>
            <td className="num">{fmt.score(sum)}</td>
          </tr>
        </tfoot>
      </table>
      {sum !== round2(unitTotal) && (
        <p className="muted small" data-testid="staff-note">
          {t('staff.sumNote', { total: fmt.score(unitTotal) })}
        </p>
      )}
      {pending > 0 && (
        <p className="muted small" data-testid="staff-pending">
          {t('staff.pendingNote', { points: fmt.score(pending) })}
        </p>
      )}
    </section>
  );
}

function Blockers({ assessmentId, seq, canSubmit, status, unitName }: {
  assessmentId: string;
  seq: number;
  canSubmit: boolean;
  status: string;
  unitName: string;
}) {
  const { t } = useI18n();
  const [submit, { loading, error }] = useSubmitAssessmentMutation();
  const [asking, setAsking] = useState(false);
  const { blockers, loading: checking } = useBlockers(assessmentId, seq);
  const problems = error ? errorProblems(error) : [];
  const code = errorCode(error);
  const open = status === 'NOT_STARTED' || status === 'IN_PROGRESS';
  return (
    <section className="card" aria-labelledby="blockers-title">
      <h2 id="blockers-title">{t('blockers.title')}</h2>
      {!open ? (
        <p className="notice" role="status">{t('blockers.submitted', { status: t(`status.${status as 'SUBMITTED'}`) })}</p>
      ) : !blockers ? (
        <p className="muted">{t('page.loading')}</p>
      ) : blockers.length === 0 ? (
        <p className="ok">{t('blockers.none')}</p>
      ) : (
        <BlockersList assessmentId={assessmentId} blockers={blockers} />
      )}
      {canSubmit && (
        <button type="button" className="primary" disabled={loading || checking || !blockers || blockers.length > 0} onClick={() => setAsking(true)}>
          {t('blockers.submit')}
        </button>
      )}
      <ConfirmDialog
        open={asking}
        title={t('confirm.submit.title')}
        confirmLabel={t('confirm.submit.confirm')}
        busy={loading}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          void submit(assessmentId).catch(() => undefined);
        }}
      >
        <p>{t('confirm.submit.body', { unit: unitName })}</p>
      </ConfirmDialog>
      {error && (
        <div className="problem" role="alert">
          {code === 'BAD_USER_INPUT' ? t('blockers.refused', { codes: problems.map((p) => p.path).join(', ') }) : code === 'PHASE_CLOSED' ? t('save.phaseClosed') : t('error.network')}
        </div>
      )}
    </section>
  );
}
