import { useId } from 'react';
import { Link, navigate } from '../../app/router';
import { useI18n } from '../../i18n';
import { compareUrl } from './ComparePage';

/**
 * Where a comparison starts: "So sánh với" one of `others` (the other units of a ranking), or with
 * a unit or period chosen on the comparison page itself.
 */
export function CompareWith({ assessmentId, others = [] }: { assessmentId: string; others?: readonly { id: string; name: string }[] }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <p className="compare-with">
      {others.length > 0 && (
        <>
          <label htmlFor={id}>{t('compare.with')}</label>{' '}
          <select id={id} value="" onChange={(e) => e.target.value && navigate(compareUrl(assessmentId, e.target.value))}>
            <option value="">{t('compare.pickUnit')}</option>
            {others.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>{' '}
        </>
      )}
      <Link to={`/compare?left=${encodeURIComponent(assessmentId)}`}>{t('compare.other')}</Link>
    </p>
  );
}
