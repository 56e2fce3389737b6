import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { useChart } from './useChart';

/** How many units have an index in each tenth (0–0,1 … 0,9–1): the shape of a period's ranking. */
export function indexBins(indices: readonly number[]): number[] {
  const bins = new Array<number>(10).fill(0);
  for (const x of indices) bins[Math.min(9, Math.max(0, Math.floor(x * 10 + 1e-9)))]++;
  return bins;
}

export function IndexDistribution({ indices }: { indices: readonly number[] }) {
  const { t, fmt } = useI18n();
  const bins = useMemo(() => indexBins(indices), [indices]);
  const labels = useMemo(() => bins.map((_, i) => `${fmt.score(i / 10)}–${fmt.score((i + 1) / 10)}`), [bins, fmt]);
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: { labels, datasets: [{ label: t('trends.units'), data: bins, backgroundColor: '#2f80d1' }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }),
    [labels, bins, t],
  );
  const canvas = useChart(config);
  return (
    <figure className="card trend-chart" data-testid="index-distribution">
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={t('trends.distribution')} />
      </div>
      <figcaption>{t('trends.distribution')}</figcaption>
      <div className="table-scroll">
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">{t('trends.index')}</th>
            {labels.map((l) => (
              <th key={l} scope="col" className="num">
                {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('trends.units')}</th>
            {bins.map((n, i) => (
              <td key={i} className="num">
                {n}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      </div>
    </figure>
  );
}
