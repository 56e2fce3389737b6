import { useQuery } from '@apollo/client/react';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { errorCode, errorProblems } from '../../app/errors';
import { PageError, PageLoading } from '../../app/PageState';
import { Link, navigate, useLocation } from '../../app/router';
import type { Appraisal_EntryFragment, EntryEditor_CriterionFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { useUser } from '../auth/session';
import { EvidencePanel } from '../evidence/EvidencePanel';
import { LiveBadge } from '../live/LiveBadge';
import { PhaseNotice, usePhaseMove } from '../live/PhaseNotice';
import { useAssessmentLive } from '../live/useAssessmentLive';
import { ProgressBar } from '../progress/ProgressBar';
import { describeValue } from '../scoring/describe';
import { checkDraft, draftFromValue, sameDraft, type Draft } from '../scoring/draft';
import { ScoreInput } from '../scoring/ScoreInput';
import type { NavEntry } from '../workspace/CriteriaNav';
import { CriteriaDrawer } from '../workspace/CriteriaDrawer';
import { Figure } from '../figures/Figure';
import { applicableMaxOf } from '../figures/figures';
import { FinalizationPanel } from '../council/FinalizationPanel';
import { DiscussionPanel } from '../discussion/DiscussionPanel';
import { InspectionPanel } from '../inspection/InspectionPanel';
import { AppraisalWorkspaceQuery } from './documents';
import { useFinalizeAssessmentMutation, useReturnForExplanationMutation, useSaveAppraisalMutation } from './hooks';
import { PdfDownload } from '../results/PdfDownload';

type Round = 1 | 2;

/** The round the period's phase holds: 1 in APPRAISAL, 2 in FINAL_APPRAISAL, none otherwise. */
export function roundOf(phase: string): Round | null {
  return phase === 'APPRAISAL' ? 1 : phase === 'FINAL_APPRAISAL' ? 2 : null;
}

function canAppraise(round: Round | null, status: string): boolean {
  if (round === 1) return status === 'SUBMITTED' || status === 'APPRAISED';
  if (round === 2) return status === 'SUBMITTED' || status === 'RETURNED' || status === 'APPRAISED';
  return false;
}

/**
 * The appraiser's workspace for one submitted assessment: per leaf the unit's self score, evidence,
 * comment and explanation beside this round's appraisal input; return for explanation; finalize.
 */
export function AppraisalPage({ assessmentId }: { assessmentId: string }) {
  const { t, fmt } = useI18n();
  const user = useUser();
  const { query } = useLocation();
  const { data, error, refetch } = useQuery(AppraisalWorkspaceQuery, { variables: { id: assessmentId } });
  const a = data?.assessment;
  const live = useAssessmentLive(assessmentId, a?.seq, async () => (await refetch()).data?.assessment.seq);
  const movedTo = usePhaseMove(live.lastEvent);
  const round = a ? roundOf(a.period.phase) : null;
  // once finalized every leaf has its final score: the page shows those, not the last round's progress
  const finalized = a?.status === 'FINAL';
  const roundScore = (e: Appraisal_EntryFragment) => (finalized ? (e.finalScore ?? null) : round === 2 ? (e.round2Score ?? null) : (e.round1Score ?? null));
  const roundValue = (e: Appraisal_EntryFragment) => (finalized || round === 2 ? (e.round2Value ?? e.round1Value) : e.round1Value);
  // appraised in this round: a value was recorded (a RELATIVE leaf has its score only with the results)
  const isAppraised = (e: Appraisal_EntryFragment) => (finalized ? e.finalScore != null : roundValue(e) != null);

  const criteria = a?.period.framework.criteria ?? [];
  const entries = useMemo(() => new Map((a?.entries ?? []).map((e) => [e.criterionId, e])), [a?.entries]);
  const nav = useMemo(
    () => new Map<string, NavEntry>((a?.entries ?? []).map((e) => [e.criterionId, { state: isAppraised(e) ? 'DONE' : 'TODO', selfScore: roundScore(e) ?? e.round1Score ?? null, mine: false, notApplicable: !!roundValue(e)?.notApplicable }])),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [a?.entries, round, finalized],
  );
  const progress = useMemo(() => new Map((a?.progress ?? []).map((p) => [p.criterionId, { ...p, leavesScored: p.leavesAppraised }])), [a?.progress]);
  const isRoot = (id: string) => criteria.find((c) => c.id === id)?.parentId == null;

  if (error && !a) return <PageError error={error} />;
  if (!a) return <PageLoading />;

  const leaves = criteria.filter((c) => c.isLeaf);
  const selected = leaves.find((c) => c.id === query.get('c')) ?? leaves[0];
  const entry = selected ? entries.get(selected.id) : undefined;
  const editable = user.role === 'APPRAISER' && canAppraise(round, a.status);
  const appraised = a.entries.filter(isAppraised).length;

  return (
    <main className="workspace" aria-labelledby="ap-title">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link to={`/periods/${a.period.id}`}>{a.period.name}</Link> › {t('appraisal.title')}
          </p>
          <h1 id="ap-title">{a.unit.name}</h1>
          <p className="muted">
            {t(`phase.${a.period.phase}`)} · <span data-testid="assessment-status">{t(`status.${a.status}`)}</span> · {t('appraisal.selfTotal')}{' '}
            <Figure testId="appraisal-self-total" strong={false} score={a.selfTotal} max={a.period.framework.maxScore} applicableMax={applicableMaxOf(a.progress, isRoot)} pending={a.pendingMaxScore} /> ·{' '}
            {t(finalized ? 'appraisal.finalTotal' : 'appraisal.appraisedTotal')} <Figure testId="appraised-total" score={a.appraisedTotal} max={a.period.framework.maxScore} />
          </p>
          <div className="bar-with-text narrow">
            <ProgressBar done={appraised} total={a.entries.length} />
            <span className="muted small" data-testid="appraisal-progress">
              {finalized && appraised === a.entries.length ? t('appraisal.finalDone', { count: fmt.int(appraised) }) : t('appraisal.progress', { done: fmt.int(appraised), total: fmt.int(a.entries.length) })}
            </span>
          </div>
        </div>
        <div className="head-side">
          <LiveBadge status={live.status} />
          <PdfDownload path={`/export/assessment/${a.id}.pdf`} fallbackName={`${a.unit.name}.pdf`} title={t('report.scoreSheetPdf')} />
          {user.role === 'APPRAISER' && <AssessmentActions assessmentId={a.id} phase={a.period.phase} status={a.status} signed={a.council.length > 0} />}
        </div>
      </header>
      <PhaseNotice phase={movedTo} detail={round ? t('live.phaseAppraise', { round }) : t('live.phaseAppraisalLocked')} />
      <div className="split">
        <CriteriaDrawer currentCode={selected?.code ?? null} criteria={criteria} entries={nav} progress={progress} presence={[]} meId={user.id} selectedId={selected?.id ?? null} onSelect={(id) => navigate(`/appraisal/${a.id}?c=${id}`, { replace: true })} filters={['open', 'all']} />
        <div className="editor-pane">
          {selected && entry ? (
            <>
              <AppraisalEditor key={entry.id} assessmentId={a.id} criterion={selected} entry={entry} round={round} editable={editable} />
              <DiscussionPanel key={`d-${entry.id}`} assessmentId={a.id} criterionId={selected.id} lastEvent={live.lastEvent} canPost={user.role === 'APPRAISER'} />
            </>
          ) : (
            <p className="muted card">{t('workspace.pick')}</p>
          )}
        </div>
      </div>
      <FinalizationPanel assessmentId={a.id} phase={a.period.phase} lastEvent={live.lastEvent} />
      <InspectionPanel assessmentId={a.id} leaves={leaves} editable={user.role === 'APPRAISER' && inspecting(a.period.phase, a.status)} lastEvent={live.lastEvent} />
    </main>
  );
}

/** Inspections are recorded during appraisal, on an assessment being appraised. */
function inspecting(phase: string, status: string): boolean {
  return ['APPRAISAL', 'EXPLANATION', 'FINAL_APPRAISAL'].includes(phase) && ['SUBMITTED', 'RETURNED', 'APPRAISED'].includes(status);
}

/** `signed`: the unit has a council, whose chair finalizes by signing (FinalizationPanel). */
function AssessmentActions({ assessmentId, phase, status, signed }: { assessmentId: string; phase: string; status: string; signed: boolean }) {
  const { t } = useI18n();
  const [giveBack, returning] = useReturnForExplanationMutation();
  const [finalize, finalizing] = useFinalizeAssessmentMutation();
  const [asking, setAsking] = useState(false);
  const canReturn = (phase === 'APPRAISAL' || phase === 'EXPLANATION') && (status === 'SUBMITTED' || status === 'APPRAISED');
  const canFinalize = !signed && (phase === 'APPRAISAL' || phase === 'EXPLANATION' || phase === 'FINAL_APPRAISAL') && status !== 'FINAL';
  const error = returning.error ?? finalizing.error;
  const problems = error ? errorProblems(error) : [];
  return (
    <div className="assessment-actions">
      {canReturn && (
        <button type="button" disabled={returning.loading} onClick={() => void giveBack(assessmentId).catch(() => undefined)}>
          {t('appraisal.return')}
        </button>
      )}
      {canFinalize && (
        <button type="button" className="primary" disabled={finalizing.loading} onClick={() => setAsking(true)}>
          {t('appraisal.finalize')}
        </button>
      )}
      <ConfirmDialog
        open={asking}
        title={t('confirm.finalize.title')}
        confirmLabel={t('confirm.finalize.confirm')}
        busy={finalizing.loading}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          void finalize(assessmentId).catch(() => undefined);
        }}
      >
        <p>{t('confirm.finalize.body')}</p>
      </ConfirmDialog>
      {error && (
        <p className="problem" role="alert">
          {errorCode(error) === 'BAD_USER_INPUT' ? t('appraisal.notAppraised', { codes: problems.map((p) => p.path).join(', ') }) : errorCode(error) === 'PHASE_CLOSED' ? t('save.phaseClosed') : t('error.network')}
        </p>
      )}
    </div>
  );
}

function AppraisalEditor({ assessmentId, criterion: c, entry, round, editable }: {
  assessmentId: string;
  criterion: EntryEditor_CriterionFragment;
  entry: Appraisal_EntryFragment;
  round: Round | null;
  editable: boolean;
}) {
  const { t, fmt } = useI18n();
  const [save, saving] = useSaveAppraisalMutation();
  const roundValue = round === 2 ? entry.round2Value : entry.round1Value;
  const roundComment = round === 2 ? entry.round2Comment : entry.round1Comment;
  const [draft, setDraft] = useState<Draft>(() => draftFromValue(roundValue, fmt));
  const [comment, setComment] = useState(roundComment ?? '');
  const [baseVersion, setBaseVersion] = useState(entry.version);
  const [status, setStatus] = useState<'idle' | 'saved' | 'conflict' | 'error'>('idle');
  const [savedDraft, setSavedDraft] = useState(() => ({ draft: draftFromValue(roundValue, fmt), comment: roundComment ?? '' }));
  const dirty = !sameDraft(draft, savedDraft.draft) || comment !== savedDraft.comment;
  const checked = checkDraft(c, draft, fmt);

  // changes from elsewhere reach an untouched editor
  useEffect(() => {
    if (entry.version === baseVersion || dirty) return;
    const next = { draft: draftFromValue(roundValue, fmt), comment: roundComment ?? '' };
    setSavedDraft(next);
    setDraft(next.draft);
    setComment(next.comment);
    setBaseVersion(entry.version);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entry.version]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (checked.problem) return;
    try {
      const { data } = await save({ assessmentId, criterionId: c.id, expectedVersion: baseVersion, value: checked.value, comment: comment.trim() || null });
      if (data) {
        setBaseVersion(data.saveAppraisal.entry.version);
        setSavedDraft({ draft, comment });
        setStatus('saved');
      }
    } catch (err) {
      if (errorCode(err) === 'CONFLICT') {
        // the entry moved (the unit explained, another appraiser saved): show it, keep what was typed
        setBaseVersion(entry.version);
        setStatus('conflict');
      } else setStatus('error');
    }
  };

  return (
    <div className="appraisal-grid">
      <section className="card" aria-labelledby={`self-${c.id}`}>
        <h2 id={`self-${c.id}`}>
          <span className="code">{c.code}</span> {c.title}
        </h2>
        <p className="muted">
          {t(`method.${c.method ?? 'MANUAL'}`)} · {t('editor.max', { max: fmt.score(c.maxScore) })}
        </p>
        {c.guidance && <p className="guidance">{c.guidance}</p>}
        <h3>{t('appraisal.self')}</h3>
        <p data-testid="self-score">
          <Figure withMax={false} score={entry.selfScore} max={c.maxScore} notApplicable={entry.notApplicable} /> · {describeValue(c, entry.value, { t, fmt })}
        </p>
        {entry.comment && <p className="quote">{entry.comment}</p>}
        {entry.explanation && (
          <>
            <h3>{t('appraisal.explanation')}</h3>
            <p className="quote">{entry.explanation}</p>
          </>
        )}
        {round === 2 && entry.round1Score !== null && (
          <>
            <h3>{t('appraisal.round1')}</h3>
            <p>
              <Figure withMax={false} score={entry.round1Score} max={c.maxScore} notApplicable={!!entry.round1Value?.notApplicable} /> · {describeValue(c, entry.round1Value, { t, fmt })}
            </p>
            {entry.round1Comment && <p className="quote">{entry.round1Comment}</p>}
          </>
        )}
        <EvidencePanel assessmentId={assessmentId} criterionId={c.id} entry={entry} required={c.evidenceRequired} editable={false} />
      </section>
      <form className="card" onSubmit={submit} aria-labelledby={`ap-${c.id}`}>
        <h2 id={`ap-${c.id}`}>{round ? t('appraisal.round', { round }) : t('appraisal.closed')}</h2>
        {entry.finalScore !== null && (
          <p className="ok">
            {t('appraisal.final', { score: fmt.score(entry.finalScore) })}
          </p>
        )}
        {round && (
          <>
            <ScoreInput criterion={c} draft={draft} onChange={(d) => { setDraft(d); setStatus('idle'); }} disabled={!editable} />
            {editable && (
              <button type="button" onClick={() => setDraft(draftFromValue(entry.value, fmt))}>
                {t('appraisal.copySelf')}
              </button>
            )}
            <div className="field">
              <label htmlFor={`ap-comment-${c.id}`}>{t('appraisal.comment')}</label>
              <textarea id={`ap-comment-${c.id}`} rows={3} value={comment} disabled={!editable} onChange={(e) => setComment(e.target.value)} />
            </div>
            {editable && (
              <div className="editor-actions">
                <button type="submit" className="primary" disabled={saving.loading || !!checked.problem || !dirty}>
                  {t('save.button')}
                </button>
                <span aria-live="polite" data-testid="save-state">
                  {saving.loading ? (
                    <span className="save-state saving">{t('save.saving')}</span>
                  ) : status === 'saved' && !dirty ? (
                    <span className="save-state saved">{t('appraisal.saved')}</span>
                  ) : status === 'conflict' ? (
                    <span className="save-state error">{t('appraisal.conflict')}</span>
                  ) : status === 'error' ? (
                    <span className="save-state error">{t('error.network')}</span>
                  ) : dirty ? (
                    <span className="save-state dirty">{t('save.unsaved')}</span>
                  ) : null}
                </span>
              </div>
            )}
          </>
        )}
      </form>
    </div>
  );
}
