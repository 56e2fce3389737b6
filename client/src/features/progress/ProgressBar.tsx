import { useI18n } from '../../i18n';

/** A bar with its numbers: "3/5" done; the label says it for screen readers. */
export function ProgressBar({ done, total, label }: { done: number; total: number; label?: string }) {
  const { t, fmt } = useI18n();
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const text = label ?? t('progress.barLabel', { done: fmt.int(done), total: fmt.int(total), percent: fmt.percent(share, 0) });
  return (
    <div className={`bar${share >= 1 ? ' full' : ''}`} role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-label={text} title={text}>
      <div className="bar-fill" style={{ width: `${share * 100}%` }} />
    </div>
  );
}
