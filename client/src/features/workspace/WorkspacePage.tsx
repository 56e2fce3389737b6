import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { Link, navigate, useLocation } from '../../app/router';
import { PageError, PageLoading } from '../../app/PageState';
import { useI18n } from '../../i18n';
import { useUser } from '../auth/session';
import { Avatars } from '../live/Avatars';
import { LiveBadge } from '../live/LiveBadge';
import { useAssessmentLive } from '../live/useAssessmentLive';
import { usePresence } from '../live/usePresence';
import { CriteriaNav, type NavEntry } from './CriteriaNav';
import { AssessmentWorkspaceQuery } from './documents';
import { EntryEditor } from './EntryEditor';
import { DeadlinePanel } from '../deadline/DeadlinePanel';
import { ExplanationPanel } from './ExplanationPanel';

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
  const nav = useMemo(
    () => new Map<string, NavEntry>((a?.entries ?? []).map((e) => [e.criterionId, { state: e.state, selfScore: e.selfScore ?? null, mine: e.assignee?.id === user.id }])),
    [a?.entries, user.id],
  );
  const progress = useMemo(() => new Map((a?.progress ?? []).map((p) => [p.criterionId, p])), [a?.progress]);

  const leaves = criteria.filter((c) => c.isLeaf);
  const firstMine = leaves.find((c) => nav.get(c.id)?.mine) ?? leaves[0];
  const selectedId = query.get('c') ?? firstMine?.id ?? null;
  const selected = criteria.find((c) => c.id === selectedId && c.isLeaf);
  const presence = usePresence(assessmentId, selected?.id ?? null);

  if (error && !a) return <PageError error={error} />;
  if (!a) return <PageLoading />;

  const root = a.progress.filter((p) => criteria.find((c) => c.id === p.criterionId)?.parentId == null);
  const done = root.reduce((s, p) => s + p.leavesScored, 0);
  const total = root.reduce((s, p) => s + p.leaves, 0);
  const open = canScore(user.role, user.unit?.id, a);
  const entry = selected ? entriesByCriterion.get(selected.id) : undefined;
  // STAFF score what is assigned to them; the leader scores anything of the unit
  const editable = open && !!entry && (user.role === 'LEADER' || entry.assignee?.id === user.id);
  const readOnlyReason = !open ? t('editor.readOnly') : !editable ? (entry?.assignee ? t('editor.assignedTo', { name: entry.assignee.name }) : t('editor.unassigned')) : undefined;
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
            <strong data-testid="self-total">{t('workspace.total', { total: fmt.score(a.selfTotal), max: fmt.score(a.period.framework.maxScore) })}</strong>
          </p>
        </div>
        <div className="head-side">
          <LiveBadge status={live.status} />
          <Avatars members={presence} meId={user.id} where={codeOf} />
          {(user.role === 'LEADER' || user.role === 'ADMIN' || user.role === 'VIEWER') && (
            <Link className="button" to={`/assessments/${a.id}/overview`}>
              {t('workspace.overview')}
            </Link>
          )}
        </div>
      </header>
      <DeadlinePanel a={a} canExtend={user.role === 'ADMIN'} onExtended={() => void refetch()} />
      <div className="split">
        <CriteriaNav
          criteria={criteria}
          entries={nav}
          progress={progress}
          presence={presence}
          meId={user.id}
          selectedId={selected?.id ?? null}
          onSelect={(id) => navigate(`/assessments/${a.id}?c=${id}`, { replace: true })}
        />
        <div className="editor-pane">
          {selected && entry ? (
            <>
            <EntryEditor key={entry.id} assessmentId={a.id} criterion={selected} entry={entry} editable={editable} readOnlyReason={readOnlyReason} nameOf={(id) => (id ? (names.get(id) ?? null) : null)} />
            <ExplanationPanel
              key={`x-${entry.id}`}
              assessmentId={a.id}
              entry={entry}
              canExplain={a.period.phase === 'EXPLANATION' && a.status === 'RETURNED' && user.unit?.id === a.unit.id && (user.role === 'LEADER' || entry.assignee?.id === user.id)}
            />
            </>
          ) : (
            <p className="muted card">{t('workspace.pick')}</p>
          )}
        </div>
      </div>
    </main>
  );
}
