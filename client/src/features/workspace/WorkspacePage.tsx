import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { Link, navigate, useLocation } from '../../app/router';
import { PageError, PageLoading } from '../../app/PageState';
import { useI18n } from '../../i18n';
import { useUser } from '../auth/session';
import { Avatars } from '../live/Avatars';
import { LiveBadge } from '../live/LiveBadge';
import { PhaseNotice, usePhaseMove } from '../live/PhaseNotice';
import { useAssessmentLive } from '../live/useAssessmentLive';
import { usePresence } from '../live/usePresence';
import type { NavEntry } from './CriteriaNav';
import { CriteriaDrawer } from './CriteriaDrawer';
import { Figure } from '../figures/Figure';
import { applicableMaxOf } from '../figures/figures';
import { AssessmentWorkspaceQuery } from './documents';
import { DiscussionPanel } from '../discussion/DiscussionPanel';
import { EntryEditor } from './EntryEditor';
import { DeadlinePanel } from '../deadline/DeadlinePanel';
import { ExplanationPanel } from './ExplanationPanel';
import { ExplanationList } from '../explanation/ExplanationList';
import { useDraftCriteria } from '../drafts/useDrafts';
import { useLeaveGuard } from '../drafts/useLeaveGuard';
import { PdfDownload } from '../results/PdfDownload';

/** Self scores may change in SELF_ASSESSMENT, before submission, by the unit's own people. */
export function canScore(role: string, userUnitId: string | null | undefined, a: { unit: { id: string }; status: string; period: { phase: string } }): boolean {
  return (role === 'STAFF' || role === 'LEADER') && userUnitId === a.unit.id && a.period.phase === 'SELF_ASSESSMENT' && (a.status === 'NOT_STARTED' || a.status === 'IN_PROGRESS');
}

/** The assessment workspace: criteria tree on one side, the chosen leaf's editor on the other. */
export function WorkspacePage({ assessmentId }: { assessmentId: string }) {
  const { t, fmt } = useI18n();
  const user = useUser();
  const { query } = useLocation();
  const { data, error, refetch } = useQuery(AssessmentWorkspaceQuery, { variables: { id: assessmentId } });
  const a = data?.assessment;
  const live = useAssessmentLive(assessmentId, a?.seq);

  const criteria = a?.period.framework.criteria ?? [];
  const entriesByCriterion = useMemo(() => new Map((a?.entries ?? []).map((e) => [e.criterionId, e])), [a?.entries]);
  const progress = useMemo(() => new Map((a?.progress ?? []).map((p) => [p.criterionId, p])), [a?.progress]);
  const nav = useMemo(
    () =>
      new Map<string, NavEntry>(
        (a?.entries ?? []).map((e) => [
          e.criterionId,
          { state: e.state, selfScore: e.selfScore ?? null, mine: e.assignee?.id === user.id, notApplicable: e.notApplicable, pending: progress.get(e.criterionId)?.pendingMaxScore ?? 0 },
        ]),
      ),
    [a?.entries, user.id, progress],
  );

  const leaves = criteria.filter((c) => c.isLeaf);
  const firstMine = leaves.find((c) => nav.get(c.id)?.mine) ?? leaves[0];
  const selectedId = query.get('c') ?? firstMine?.id ?? null;
  const selected = criteria.find((c) => c.id === selectedId && c.isLeaf);
  const presence = usePresence(assessmentId, selected?.id ?? null);
  const unsaved = useDraftCriteria(user.id, assessmentId);
  useLeaveGuard(`/assessments/${assessmentId}`, unsaved.size ? t('drafts.leave', { count: fmt.int(unsaved.size) }) : null);

  const movedTo = usePhaseMove(live.lastEvent);

  if (error && !a) return <PageError error={error} />;
  if (!a) return <PageLoading />;

  const isRoot = (id: string) => criteria.find((c) => c.id === id)?.parentId == null;
  const root = a.progress.filter((p) => isRoot(p.criterionId));
  const done = root.reduce((s, p) => s + p.leavesScored, 0);
  const total = root.reduce((s, p) => s + p.leaves, 0);
  const open = canScore(user.role, user.unit?.id, a);
  const entry = selected ? entriesByCriterion.get(selected.id) : undefined;
  // STAFF score what is assigned to them; the leader scores anything of the unit
  const editable = open && !!entry && (user.role === 'LEADER' || entry.assignee?.id === user.id);
  const readOnlyReason = !open ? t('editor.readOnly') : !editable ? (entry?.assignee ? t('editor.assignedTo', { name: entry.assignee.name }) : t('editor.unassigned')) : undefined;
  const explaining = a.period.phase === 'EXPLANATION' && a.status === 'RETURNED' && user.unit?.id === a.unit.id && (user.role === 'LEADER' || user.role === 'STAFF');
  const canExplain = explaining && !!entry && (user.role === 'LEADER' || entry.assignee?.id === user.id);
  const codeOf = (id: string | null) => criteria.find((c) => c.id === id)?.code ?? null;
  const names = new Map(presence.map((m) => [m.userId, m.name]));

  return (
    <main className="workspace" aria-labelledby="ws-title">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link to="/my">{t('nav.my')}</Link> › {a.period.name}
          </p>
          <h1 id="ws-title">{a.unit.name}</h1>
          <p className="muted">
            {t(`phase.${a.period.phase}`)} · {t(`status.${a.status}`)} · {t('workspace.done', { done: fmt.int(done), total: fmt.int(total) })} ·{' '}
            {t('workspace.total')}{' '}
            <Figure testId="self-total" score={a.selfTotal} max={a.period.framework.maxScore} applicableMax={applicableMaxOf(a.progress, isRoot)} pending={a.pendingMaxScore} />
          </p>
        </div>
        <div className="head-side">
          <LiveBadge status={live.status} />
          <Avatars members={presence} meId={user.id} where={codeOf} />
          <PdfDownload path={`/export/assessment/${a.id}.pdf`} fallbackName={`${a.unit.name}.pdf`} title={t('report.scoreSheetPdf')} />
          {(user.role === 'LEADER' || user.role === 'ADMIN' || user.role === 'VIEWER') && (
            <Link className="button" to={`/assessments/${a.id}/overview`}>
              {t('workspace.overview')}
            </Link>
          )}
        </div>
      </header>
      <PhaseNotice phase={movedTo} detail={open ? t('live.phaseOpen') : explaining ? t('live.phaseExplain') : t('live.phaseLocked')} />
      {explaining && <ExplanationList assessmentId={a.id} entries={entriesByCriterion} selectedId={selected?.id ?? null} onSelect={(id) => navigate(`/assessments/${a.id}?c=${id}`, { replace: true })} />}
      <DeadlinePanel a={a} canExtend={user.role === 'ADMIN'} onExtended={() => void refetch()} />
      <div className="split">
        <CriteriaDrawer
          currentCode={selected?.code ?? null}
          criteria={criteria}
          entries={nav}
          progress={progress}
          presence={presence}
          meId={user.id}
          unsaved={unsaved}
          selectedId={selected?.id ?? null}
          onSelect={(id) => navigate(`/assessments/${a.id}?c=${id}`, { replace: true })}
        />
        <div className="editor-pane">
          {selected && entry ? (
            <>
            {canExplain && <ExplanationPanel key={`x-${entry.id}`} assessmentId={a.id} entry={entry} canExplain />}
            <EntryEditor
              key={entry.id}
              assessmentId={a.id}
              userId={user.id}
              criterion={selected}
              entry={entry}
              editable={editable}
              evidenceEditable={editable || canExplain}
              readOnlyReason={readOnlyReason}
              nameOf={(id) => (id ? (names.get(id) ?? null) : null)}
            />
            {!canExplain && <ExplanationPanel key={`x-${entry.id}`} assessmentId={a.id} entry={entry} canExplain={false} />}
            <DiscussionPanel key={`d-${entry.id}`} assessmentId={a.id} criterionId={selected.id} lastEvent={live.lastEvent} canPost={user.role === 'LEADER' || user.role === 'STAFF'} />
            </>
          ) : (
            <p className="muted card">{t('workspace.pick')}</p>
          )}
        </div>
      </div>
    </main>
  );
}
