import { useI18n } from '../../i18n';
import type { LiveStatus } from './useAssessmentLive';

export function LiveBadge({ status }: { status: LiveStatus }) {
  const { t } = useI18n();
  return (
    <span className={`live-badge ${status}`} role="status" data-testid="live-status" data-status={status}>
      <span className="pulse" aria-hidden="true" />
      {t(`live.${status}`)}
    </span>
  );
}
