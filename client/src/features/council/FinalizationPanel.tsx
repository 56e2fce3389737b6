import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { errorCode, errorProblems } from '../../app/errors';
import { useI18n } from '../../i18n';
import { useUser } from '../auth/session';
import type { AssessmentEvent } from '../live/applyEvent';
import { FinalizationQuery, ReopenAssessmentMutation, SignFinalizationMutation } from './documents';

/**
 * The signed finalization of an assessment whose unit has a council: the chair signs (every leaf
 * appraised), the signature is shown with its hash, and the ADMIN reopens with a reason.
 * Returns null when the unit has no council (finalizeAssessment applies then).
 */
export function FinalizationPanel({ assessmentId, phase, lastEvent }: { assessmentId: string; phase: string; lastEvent: AssessmentEvent | null }) {
  const { t, fmt } = useI18n();
  const me = useUser();
  const { data, refetch } = useQuery(FinalizationQuery, { variables: { id: assessmentId } });
  const [sign, signing] = useMutation(SignFinalizationMutation);
  const [reopen, reopening] = useMutation(ReopenAssessmentMutation);
  const [asking, setAsking] = useState<'sign' | 'reopen' | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (lastEvent?.kinds.some((k) => k === 'STATUS_CHANGED' || k === 'SIGNED' || k === 'REOPENED')) void refetch();
  }, [lastEvent, refetch]);

  const a = data?.assessment;
  if (!a || a.council.length === 0) return null;
  const chair = a.council.find((m) => m.chair);
  const iAmChair = chair?.user.id === me.id;
  const inAppraisal = phase === 'APPRAISAL' || phase === 'EXPLANATION' || phase === 'FINAL_APPRAISAL';
  const explain = (err: unknown) => {
    const code = errorCode(err);
    setProblem(code === 'BAD_USER_INPUT' ? t('appraisal.notAppraised', { codes: errorProblems(err).map((p) => p.path).join(', ') }) : code === 'FORBIDDEN' ? t('error.forbidden') : code === 'PHASE_CLOSED' ? t('save.phaseClosed') : t('error.network'));
  };
  const voided = a.signatures.filter((s) => s.voidedAt);

  return (
    <section className="card signature" aria-labelledby={`sig-${assessmentId}`} data-testid="finalization">
      <h2 id={`sig-${assessmentId}`}>{t('sign.title')}</h2>
      <p className="small">{t('sign.chair', { name: chair?.user.name ?? '—' })}</p>
      {a.signature ? (
        <p data-testid="signature">
          <strong>{t('sign.signedBy', { name: a.signature.signedBy.name, at: fmt.dateTime(a.signature.signedAt) })}</strong>
          <br />
          <span className="muted small">
            SHA-256 <code>{a.signature.figuresHash.slice(0, 16)}…</code> · {a.signature.valid ? t('sign.valid') : t('sign.invalid')}
          </span>
        </p>
      ) : (
        <p className="muted">{t('sign.unsigned')}</p>
      )}
      {voided.length > 0 && (
        <details>
          <summary className="small">{t('sign.voided', { n: voided.length })}</summary>
          <ul>
            {voided.map((s) => (
              <li key={s.id} className="small">
                {s.signedBy.name}, {fmt.dateTime(s.signedAt)} → {fmt.dateTime(s.voidedAt)}: {s.voidReason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {iAmChair && inAppraisal && a.status !== 'FINAL' && (
        <button type="button" className="primary" disabled={signing.loading} onClick={() => setAsking('sign')}>
          {t('sign.sign')}
        </button>
      )}
      {me.role === 'ADMIN' && a.status === 'FINAL' && inAppraisal && (
        <button type="button" disabled={reopening.loading} onClick={() => setAsking('reopen')}>
          {t('sign.reopen')}
        </button>
      )}
      <ConfirmDialog
        open={asking === 'sign'}
        title={t('sign.confirmTitle')}
        confirmLabel={t('sign.sign')}
        busy={signing.loading}
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          setAsking(null);
          setProblem(null);
          void sign({ variables: { id: assessmentId } }).then(() => refetch(), explain);
        }}
      >
        <p>{t('sign.confirmBody')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={asking === 'reopen'}
        title={t('sign.reopenTitle')}
        confirmLabel={t('sign.reopen')}
        busy={reopening.loading}
        danger
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          if (!reason.trim()) return;
          setAsking(null);
          setProblem(null);
          void reopen({ variables: { id: assessmentId, reason } }).then(() => {
            setReason('');
            return refetch();
          }, explain);
        }}
      >
        <p>{t('sign.reopenBody')}</p>
        <label htmlFor={`reason-${assessmentId}`}>{t('sign.reason')}</label>
        <textarea id={`reason-${assessmentId}`} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </ConfirmDialog>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
