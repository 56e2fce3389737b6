import { formatInZone } from '../deadline/zoned';
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { EntryEditor_CriterionFragment, EntryEditor_EntryFragment, ScoreValueFieldsFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { problemText } from '../../i18n/problems';
import { errorCode, errorExtensions, errorProblems } from '../../app/errors';
import { ScoreInput } from '../scoring/ScoreInput';
import { checkDraft, draftFromValue, sameDraft, type Draft } from '../scoring/draft';
import { describeValue } from '../scoring/describe';
import { EvidencePanel } from '../evidence/EvidencePanel';
import { useSaveSelfScoreMutation } from './useSaveSelfScoreMutation';
import { dropDraft, keepDraft, loadDraft } from '../drafts/store';

/** The entry as a CONFLICT error carries it (extensions.current). */
export interface CurrentEntry {
  id: string;
  version: number;
  value: Omit<ScoreValueFieldsFragment, '__typename'> | null;
  selfScore: number | null;
  notApplicable: boolean;
  comment: string | null;
  state: string;
  updatedAt: string;
  updatedById: string | null;
}

/** A score value with every field, as the cache holds it (a CONFLICT carries only the method's fields). */
const EMPTY_VALUE: Record<string, unknown> = { __typename: 'ScoreValue', points: null, met: null, tier: null, numerator: null, denominator: null, figure: null, notApplicable: null };

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; message: string } | { kind: 'conflict'; current: CurrentEntry };

export interface EntryEditorProps {
  assessmentId: string;
  /** whose drafts (drafts/store.ts): kept per user, assessment and criterion */
  userId: string;
  criterion: EntryEditor_CriterionFragment;
  entry: EntryEditor_EntryFragment;
  editable: boolean;
  /** evidence may change although the score may not (the unit's explanation round) */
  evidenceEditable?: boolean;
  /** why it cannot be edited, when it cannot */
  readOnlyReason?: string;
  /** names of people by id, to say who saved first */
  nameOf?(userId: string | null): string | null;
}

/**
 * One leaf: its guidance, the input for its method, the comment, evidence, and saving with a
 * clear state. The edit starts from the entry's version; a colleague's save while you type
 * does not overwrite what you typed, and saving then shows both values (CONFLICT).
 */
export function EntryEditor({ assessmentId, userId, criterion: c, entry, editable, evidenceEditable = editable, readOnlyReason, nameOf }: EntryEditorProps) {
  const { t, fmt, lang } = useI18n();
  const client = useApolloClient();
  const [save] = useSaveSelfScoreMutation();
  const initial = () => ({ draft: draftFromValue(entry.value, fmt), comment: entry.comment ?? '' });
  // what was typed here and not saved (another criterion, a reload, a session ago) comes back
  const [restored, setRestored] = useState(() => loadDraft(userId, assessmentId, c.id));
  const [draft, setDraft] = useState<Draft>(() => restored?.draft ?? initial().draft);
  const [comment, setComment] = useState(() => restored?.comment ?? initial().comment);
  const [baseVersion, setBaseVersion] = useState(restored?.baseVersion ?? entry.version);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const saved = useRef(initial());

  const dirty = !sameDraft(draft, saved.current.draft) || comment !== saved.current.comment;

  // every keystroke not saved is kept; a save (or typing back the saved value) removes it
  useEffect(() => {
    if (dirty) keepDraft(userId, assessmentId, c.id, { draft, comment, baseVersion });
    else dropDraft(userId, assessmentId, c.id);
  }, [dirty, draft, comment, baseVersion, userId, assessmentId, c.id]);

  /** back to what is saved now */
  const discard = () => {
    const next = initial();
    saved.current = next;
    setDraft(next.draft);
    setComment(next.comment);
    setBaseVersion(entry.version);
    setRestored(null);
    setState({ kind: 'idle' });
  };

  // a change from elsewhere (a colleague, another tab) reaches an untouched editor at once
  useEffect(() => {
    if (entry.version === baseVersion) return;
    if (!dirty && state.kind !== 'saving' && state.kind !== 'conflict') {
      const next = { draft: draftFromValue(entry.value, fmt), comment: entry.comment ?? '' };
      saved.current = next;
      setDraft(next.draft);
      setComment(next.comment);
      setBaseVersion(entry.version);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entry.version]);

  // the language changes the decimal mark of untouched fields
  useEffect(() => {
    if (dirty) return;
    const next = { draft: draftFromValue(entry.value, fmt), comment: entry.comment ?? '' };
    saved.current = next;
    setDraft(next.draft);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lang]);

  const checked = checkDraft(c, draft, fmt);
  const changedElsewhere = entry.version !== baseVersion && state.kind !== 'conflict';

  const doSave = async (expectedVersion: number) => {
    if (checked.problem) return;
    setState({ kind: 'saving' });
    try {
      const { data } = await save({
        assessmentId,
        criterionId: c.id,
        expectedVersion,
        value: checked.value,
        comment: comment.trim() === '' ? null : comment,
      });
      if (!data) throw new Error('no data');
      const e = data.saveSelfScore.entry;
      saved.current = { draft, comment: e.comment ?? '' };
      setBaseVersion(e.version);
      setRestored(null);
      setState({ kind: 'saved', at: new Date() });
    } catch (error) {
      const code = errorCode(error);
      if (code === 'CONFLICT') {
        setState({ kind: 'conflict', current: errorExtensions(error).current as CurrentEntry });
      } else if (code === 'BAD_USER_INPUT') {
        setState({ kind: 'error', message: errorProblems(error).map((p) => problemText(lang, p)).join(' ') });
      } else if (code === 'PHASE_CLOSED') {
        const x = errorExtensions(error);
        setState({
          kind: 'error',
          message:
            x.reason === 'DEADLINE_PASSED' && typeof x.deadline === 'string'
              ? t('save.deadlinePassed', { deadline: formatInZone(fmt, x.deadline, String(x.timeZone)) })
              : t('save.phaseClosed'),
        });
      } else if (code === 'FORBIDDEN') {
        setState({ kind: 'error', message: t('save.forbidden') });
      } else {
        setState({ kind: 'error', message: t('error.network') });
      }
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (state.kind === 'conflict') return;
    void doSave(baseVersion);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'Enter')) {
      e.preventDefault();
      if (editable && state.kind !== 'conflict' && state.kind !== 'saving') void doSave(baseVersion);
    }
  };

  const keepMine = (current: CurrentEntry) => void doSave(current.version);

  const takeTheirs = (current: CurrentEntry) => {
    const next = { draft: draftFromValue(current.value, fmt), comment: current.comment ?? '' };
    saved.current = next;
    setDraft(next.draft);
    setComment(next.comment);
    setBaseVersion(current.version);
    // the cache may not have heard of it yet (a lost event): show it now
    client.cache.modify({
      id: client.cache.identify({ __typename: 'ScoreEntry', id: entry.id }),
      fields: {
        version: (v: number) => Math.max(v, current.version),
        value: () => (current.value ? { ...EMPTY_VALUE, ...current.value } : null),
        selfScore: () => current.selfScore,
        comment: () => current.comment,
        notApplicable: () => current.notApplicable,
        state: () => current.state,
      },
    });
    setState({ kind: 'idle' });
  };

  const status = (() => {
    switch (state.kind) {
      case 'saving':
        return <span className="save-state saving">{t('save.saving')}</span>;
      case 'saved':
        return dirty ? <span className="save-state dirty">{t('save.unsaved')}</span> : <span className="save-state saved">{t('save.saved', { time: fmt.dateTime(state.at.toISOString()) })}</span>;
      case 'error':
        return <span className="save-state error">{t('save.error', { message: state.message })}</span>;
      default:
        return dirty ? <span className="save-state dirty">{t('save.unsaved')}</span> : null;
    }
  })();

  return (
    <form className="editor card" onSubmit={onSubmit} onKeyDown={onKeyDown} aria-labelledby={`editor-title-${c.id}`}>
      <header className="editor-head">
        <h2 id={`editor-title-${c.id}`}>
          <span className="code">{c.code}</span> {c.title}
        </h2>
        <p className="muted">
          {t(`method.${c.method ?? 'MANUAL'}`)} · {t('editor.max', { max: fmt.score(c.maxScore) })}
          {c.evidenceRequired ? ` · ${t('editor.evidenceRequired')}` : ''}
        </p>
      </header>
      {c.guidance && (
        <section className="guidance" aria-label={t('editor.guidance')}>
          <h3>{t('editor.guidance')}</h3>
          <p>{c.guidance}</p>
        </section>
      )}
      <section className="current muted">
        <span className={`state state-${entry.state}`}>{t(`state.${entry.state}`)}</span>{' '}
        {t('editor.current', { score: fmt.score(entry.selfScore), value: describeValue(c, entry.value, { t, fmt }) })}
        {/* the person of the self round: an appraisal or an explanation does not make its author the self score's */}
        {entry.selfUpdatedBy && entry.selfUpdatedAt ? ` · ${t('editor.updatedBy', { name: entry.selfUpdatedBy.name, time: fmt.dateTime(entry.selfUpdatedAt) })}` : ''}
      </section>

      <ScoreInput criterion={c} draft={draft} onChange={(d) => { setDraft(d); if (state.kind === 'saved' || state.kind === 'error') setState({ kind: 'idle' }); }} disabled={!editable || state.kind === 'conflict'} />

      <div className="field">
        <label htmlFor={`comment-${c.id}`}>{t('editor.comment')}</label>
        <textarea id={`comment-${c.id}`} rows={3} value={comment} disabled={!editable || state.kind === 'conflict'} onChange={(e) => setComment(e.target.value)} />
      </div>

      {restored && dirty && (
        <p className="notice" role="status" data-testid="draft-restored">
          {t('drafts.restored', { time: fmt.dateTime(restored.at) })}{' '}
          {editable && state.kind !== 'conflict' && (
            <button type="button" className="link" onClick={discard}>
              {t('drafts.discard')}
            </button>
          )}
        </p>
      )}

      {changedElsewhere && dirty && (
        <p className="notice" role="status">
          {t('editor.changedElsewhere')}
        </p>
      )}

      {state.kind === 'conflict' && (
        <ConflictPanel
          mine={describeValue(c, checked.value, { t, fmt })}
          myComment={comment}
          current={state.current}
          theirs={describeValue(c, state.current.value, { t, fmt })}
          who={nameOf?.(state.current.updatedById) ?? null}
          onKeepMine={() => keepMine(state.current)}
          onTakeTheirs={() => takeTheirs(state.current)}
        />
      )}

      {editable ? (
        <div className="editor-actions">
          <button type="submit" className="primary" disabled={state.kind === 'saving' || state.kind === 'conflict' || !!checked.problem || (!dirty && state.kind !== 'error')}>
            {t('save.button')}
          </button>
          <span aria-live="polite" className="save-status" data-testid="save-state">
            {status}
          </span>
        </div>
      ) : (
        <p className="muted" data-testid="read-only">{readOnlyReason ?? t('editor.readOnly')}</p>
      )}

      <EvidencePanel
        assessmentId={assessmentId}
        criterionId={c.id}
        entry={entry}
        required={c.evidenceRequired}
        editable={evidenceEditable}
        onVersionMoved={(previous, next) => {
          // my own evidence moved the version: my edit still starts from what I saw
          if (previous === baseVersion) setBaseVersion(next);
        }}
      />
    </form>
  );
}

function ConflictPanel({ mine, myComment, current, theirs, who, onKeepMine, onTakeTheirs }: {
  mine: string;
  myComment: string;
  current: CurrentEntry;
  theirs: string;
  who: string | null;
  onKeepMine(): void;
  onTakeTheirs(): void;
}) {
  const { t, fmt } = useI18n();
  return (
    <section className="conflict" role="alert" aria-labelledby="conflict-title" data-testid="conflict">
      <h3 id="conflict-title">{t('conflict.title')}</h3>
      <p>{who ? t('conflict.explainWho', { name: who }) : t('conflict.explain')}</p>
      <div className="conflict-sides">
        <div className="side">
          <h4>{t('conflict.mine')}</h4>
          <p className="value" data-testid="conflict-mine">{mine}</p>
          {myComment && <p className="muted">{myComment}</p>}
          <button type="button" className="primary" onClick={onKeepMine}>
            {t('conflict.keepMine')}
          </button>
        </div>
        <div className="side">
          <h4>{t('conflict.theirs')}</h4>
          <p className="value" data-testid="conflict-theirs">
            {theirs} · {t('conflict.score', { score: fmt.score(current.selfScore) })}
          </p>
          {current.comment && <p className="muted">{current.comment}</p>}
          <button type="button" onClick={onTakeTheirs}>
            {t('conflict.takeTheirs')}
          </button>
        </div>
      </div>
    </section>
  );
}
