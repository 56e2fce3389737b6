import type { GroupChart_GroupFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { figureText } from '../figures/figures';

/** Group subtotals as horizontal bars (plain SVG): points of the maximum, per top-level group. */
export function GroupChart({ groups, title }: { groups: readonly GroupChart_GroupFragment[]; title: string }) {
  const { t, fmt } = useI18n();
  const rowH = 40;
  const labelW = 190;
  const barW = 250;
  const width = labelW + barW + 130;
  const height = groups.length * rowH + 10;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby="chart-title chart-desc" data-testid="group-chart">
        <title id="chart-title">{title}</title>
        <desc id="chart-desc">{groups.map((g) => t('results.chartRow', { code: g.code, title: g.title, figure: figureText(t, fmt, { score: g.total, max: g.maxScore }) })).join('; ')}</desc>
        {groups.map((g, i) => {
          const share = g.maxScore > 0 ? Math.max(0, Math.min(1, g.total / g.maxScore)) : 0;
          const y = i * rowH + 5;
          const label = `${g.code}. ${g.title}`;
          return (
            <g key={g.criterionId}>
              <text x={labelW - 8} y={y + 21} textAnchor="end" fontSize="14" fill="#1f2933">
                {label.length > 26 ? `${label.slice(0, 25)}…` : label}
              </text>
              <rect x={labelW} y={y + 4} width={barW} height={rowH - 12} rx="4" fill="#e4ebf1" />
              <rect x={labelW} y={y + 4} width={barW * share} height={rowH - 12} rx="4" fill={share >= 0.9 ? '#1f7a4d' : share >= 0.65 ? '#2f80d1' : '#d9822b'} />
              <text x={labelW + barW + 8} y={y + 21} fontSize="14" fill="#1f2933">
                {figureText(t, fmt, { score: g.total, max: g.maxScore })} ({fmt.percent(share, 0)})
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">{title}</figcaption>
    </figure>
  );
}
