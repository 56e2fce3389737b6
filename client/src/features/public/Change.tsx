import { useI18n } from '../../i18n';

/** The change against the unit's previous period: ▲ 3 (up three places), ▼ 1, =, with the points beside. */
export function Change({ rankChange, totalChange, previousRank }: { rankChange: number | null; totalChange: number | null; previousRank: number | null }) {
  const { t, fmt } = useI18n();
  if (rankChange === null) return <span className="muted">–</span>;
  const arrow = rankChange > 0 ? '▲' : rankChange < 0 ? '▼' : '=';
  const said = rankChange > 0 ? t('public.rankUp', { n: rankChange }) : rankChange < 0 ? t('public.rankDown', { n: -rankChange }) : t('public.rankSame');
  const points = totalChange === null ? '' : `${totalChange > 0 ? '+' : totalChange < 0 ? '−' : '±'}${fmt.score(Math.abs(totalChange))}`;
  return (
    <span className={`change ${rankChange > 0 ? 'up' : rankChange < 0 ? 'down' : ''}`} title={t('results.rankWas', { rank: previousRank ?? '–' })} aria-label={`${said}; ${t('results.rankWas', { rank: previousRank ?? '–' })}`}>
      {arrow}
      {rankChange !== 0 ? ` ${Math.abs(rankChange)}` : ''}
      {points && <span className="muted small"> ({t('public.points', { points })})</span>}
    </span>
  );
}
