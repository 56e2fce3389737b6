import { useEffect, useState, type FormEvent } from 'react';
import { errorCode } from '../../app/errors';
import type { EntryEditor_EntryFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { useSaveExplanationMutation } from '../appraisal/hooks';
import { useSession } from '../auth/session';
import { dropExplanation, keepExplanation, loadExplanation } from '../drafts/store';

/**
 * What the appraisal council found for a leaf and, when the assessment is returned in the
 * EXPLANATION phase, the unit's answer.
 */
export function ExplanationPanel({ assessmentId, entry, canExplain }: { assessmentId: string; entry: EntryEditor_EntryFragment; canExplain: boolean }) {
  const { t, fmt } = useI18n();
  const [save, { loading }] = useSaveExplanationMutation();
  const userId = useSession().user?.id ?? '';
  // an answer typed and not sent is kept like a score draft (drafts/store.ts)
  const [text, setText] = useState(() => (canExplain ? loadExplanation(userId, assessmentId, entry.criterionId)?.text : undefined) ?? entry.explanation ?? '');
  const [state, setState] = useState<'idle' | 'saved' | 'conflict' | 'error'>('idle');
  useEffect(() => {
    if (state !== 'idle' || text !== '') return;
    setText(entry.explanation ?? '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entry.explanation]);
  useEffect(() => {
    if (!canExplain) return;
    if (text !== (entry.explanation ?? '')) keepExplanation(userId, assessmentId, entry.criterionId, text);
    else dropExplanation(userId, assessmentId, entry.criterionId);
  }, [canExplain, text, entry.explanation, userId, assessmentId, entry.criterionId]);
  if (entry.round1Score === null && entry.round2Score === null && !entry.explanation && entry.finalScore === null) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await save({ assessmentId, criterionId: entry.criterionId, expectedVersion: entry.version, explanation: text.trim() || null });
      setText(text.trim());
      setState('saved');
    } catch (err) {
      setState(errorCode(err) === 'CONFLICT' ? 'conflict' : 'error');
    }
  };

  return (
    <section className="card explanation" aria-labelledby={`expl-${entry.id}`}>
      <h3 id={`expl-${entry.id}`}>{t('appraisal.result')}</h3>
      <p>
        {entry.round1Score !== null && t('appraisal.round1Score', { score: fmt.score(entry.round1Score) })}
        {entry.round2Score !== null && ` · ${t('appraisal.round2Score', { score: fmt.score(entry.round2Score) })}`}
        {entry.finalScore !== null && ` · ${t('appraisal.final', { score: fmt.score(entry.finalScore) })}`}
      </p>
      {entry.round1Comment && <p className="quote">{entry.round1Comment}</p>}
      {canExplain ? (
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor={`expl-text-${entry.id}`}>{t('appraisal.explanation')}</label>
            <textarea id={`expl-text-${entry.id}`} rows={3} value={text} onChange={(e) => { setText(e.target.value); setState('idle'); }} />
          </div>
          <div className="editor-actions">
            <button type="submit" className="primary" disabled={loading}>
              {t('appraisal.sendExplanation')}
            </button>
            <span aria-live="polite">
              {state === 'saved' ? <span className="save-state saved">{t('appraisal.saved')}</span> : state === 'conflict' ? <span className="save-state error">{t('appraisal.conflict')}</span> : state === 'error' ? <span className="save-state error">{t('error.network')}</span> : null}
            </span>
          </div>
        </form>
      ) : (
        entry.explanation && (
          <>
            <h4>{t('appraisal.explanation')}</h4>
            <p className="quote">{entry.explanation}</p>
          </>
        )
      )}
    </section>
  );
}
