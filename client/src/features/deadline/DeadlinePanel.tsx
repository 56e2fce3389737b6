import { useMutation } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { errorCode, errorProblems } from '../../app/errors';
import { useI18n, type MessageKey } from '../../i18n';
import { GrantExtensionMutation } from './documents';
import { fromZonedInput } from '../../i18n/format';
import { formatInZone, remaining } from './zoned';

export interface DeadlineInfo {
  id: string;
  deadline: { phase: string; deadline?: string | null; extendedUntil?: string | null; closesAt?: string | null; passed: boolean; timeZone: string };
  extensions: { id: string; phase: string; until: string; reason: string; grantedAt: string; grantedBy?: { id: string; name: string } | null }[];
}

/** The deadline of the phase for this unit, in the period's time zone, with a live countdown; the ADMIN's extension form. */
export function DeadlinePanel({ a, canExtend, onExtended }: { a: DeadlineInfo; canExtend: boolean; onExtended: () => void }) {
  const { t, fmt } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const d = a.deadline;
  if (!d.closesAt && !canExtend) return null;
  const left = d.closesAt ? remaining(d.closesAt, now) : null;
  return (
    <section className="deadline card" aria-label={t('deadline.title')} data-testid="deadline">
      {d.closesAt ? (
        <p>
          <strong>{t('deadline.of', { phase: t(`phase.${d.phase}` as MessageKey) })}</strong> {formatInZone(fmt, d.closesAt, d.timeZone)}
          {d.extendedUntil ? ` · ${t('deadline.extended')}` : ''} ·{' '}
          <span className={left ? (left.days < 1 ? 'warn' : '') : 'problem'} data-testid="countdown">
            {left ? t('deadline.left', { days: fmt.int(left.days), hours: fmt.int(left.hours), minutes: fmt.int(left.minutes) }) : t('deadline.passed')}
          </span>
        </p>
      ) : (
        <p className="muted">{t('deadline.none')}</p>
      )}
      {a.extensions.length > 0 && (
        <ul className="small" data-testid="extensions">
          {a.extensions.map((x) => (
            <li key={x.id}>
              {t('deadline.extensionLine', {
                phase: t(`phase.${x.phase}` as MessageKey),
                until: formatInZone(fmt, x.until, d.timeZone),
                by: x.grantedBy?.name ?? '–',
                at: fmt.dateTime(x.grantedAt),
                reason: x.reason,
              })}
            </li>
          ))}
        </ul>
      )}
      {canExtend && d.deadline && <ExtensionForm assessmentId={a.id} phase={d.phase} timeZone={d.timeZone} onDone={onExtended} />}
    </section>
  );
}

function ExtensionForm({ assessmentId, phase, timeZone, onDone }: { assessmentId: string; phase: string; timeZone: string; onDone: () => void }) {
  const { t } = useI18n();
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [grant, granting] = useMutation(GrantExtensionMutation);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const iso = fromZonedInput(until, timeZone);
    if (!iso) return setProblem(t('deadline.untilRequired'));
    setProblem(null);
    try {
      await grant({ variables: { assessmentId, phase: phase as never, until: iso, reason } });
      setReason('');
      onDone();
    } catch (err) {
      setProblem(errorCode(err) === 'BAD_USER_INPUT' ? errorProblems(err).map((p) => p.message).join('; ') : t('error.network'));
    }
  };
  return (
    <form className="extension-form" onSubmit={(e) => void submit(e)} aria-label={t('deadline.extendTitle')}>
      <h3>{t('deadline.extendTitle')}</h3>
      <label>
        {t('deadline.until', { zone: timeZone })}
        <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} required />
      </label>
      <label>
        {t('deadline.reason')}
        <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={2000} />
      </label>
      <button type="submit" disabled={granting.loading}>
        {granting.loading ? t('deadline.granting') : t('deadline.grant')}
      </button>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
