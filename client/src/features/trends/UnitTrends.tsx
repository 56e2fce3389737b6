import { useQuery } from '@apollo/client/react';
import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import type { UnitHistoryQuery as UnitHistoryData } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { UnitHistoryQuery } from './documents';
import { useChart } from './useChart';

/** A unit's result in one published period (`unitHistory`, or the public unit page's `history`). */
export type TrendPoint = Omit<UnitHistoryData['unitHistory'][number], '__typename'>;
type Point = TrendPoint;

const BLUE = '#2f80d1';
const ORANGE = '#d9822b';
const GREY = '#9aa5b1';

/**
 * A unit over the years (issue 17): its total and rank in every published period of the latest
 * framework code, and its group subtotals against the period's average in the latest one. Each
 * chart has its figures in a table beside it, for screen readers and for reading exact numbers.
 */
export function UnitTrends({ unitId, unitName }: { unitId: string; unitName: string }) {
  const { data } = useQuery(UnitHistoryQuery, { variables: { unitId } });
  return <TrendCharts id={unitId} unitName={unitName} points={data?.unitHistory ?? []} />;
}

/** The charts of a unit's points, whoever fetched them (the results page, the public unit page); `latestId`: the period whose groups to show (default the latest). */
export function TrendCharts({ id, unitName, points, latestId }: { id: string; unitName: string; points: readonly TrendPoint[]; latestId?: string }) {
  const { t } = useI18n();
  if (points.length === 0) return null;
  const latest = points.find((p) => p.periodId === latestId) ?? points[points.length - 1];
  const series = points.filter((p) => p.frameworkCode === latest.frameworkCode);
  return (
    <section className="card trends" aria-labelledby={`trends-${id}`} data-testid="unit-trends">
      <h2 id={`trends-${id}`}>{t('trends.title', { unit: unitName })}</h2>
      <TotalAndRank points={series} />
      <GroupsAgainstAverage point={latest} />
    </section>
  );
}

function TotalAndRank({ points }: { points: readonly Point[] }) {
  const { t, fmt } = useI18n();
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'line',
      data: {
        labels: points.map((p) => String(p.year)),
        datasets: [
          { label: t('trends.total'), data: points.map((p) => p.total), borderColor: BLUE, backgroundColor: BLUE, yAxisID: 'total' },
          { label: t('trends.rank'), data: points.map((p) => p.rank), borderColor: ORANGE, backgroundColor: ORANGE, yAxisID: 'rank', borderDash: [6, 4] },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          total: { position: 'left', beginAtZero: true, max: Math.max(...points.map((p) => p.maxScore)), title: { display: true, text: t('trends.total') } },
          // rank 1 at the top
          rank: { position: 'right', reverse: true, min: 1, max: Math.max(...points.map((p) => p.rankedUnits)), ticks: { precision: 0 }, grid: { drawOnChartArea: false }, title: { display: true, text: t('trends.rank') } },
        },
      },
    }),
    [points, t],
  );
  const canvas = useChart(config);
  return (
    <figure className="trend-chart">
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={t('trends.totalAndRank')} data-testid="chart-total-rank" />
      </div>
      <figcaption>{t('trends.totalAndRank')}</figcaption>
      <div className="table-scroll">
      <table className="table compact" data-testid="trend-table">
        <thead>
          <tr>
            <th scope="col">{t('trends.year')}</th>
            <th scope="col" className="num">{t('trends.total')}</th>
            <th scope="col" className="num">{t('trends.index')}</th>
            <th scope="col" className="num">{t('trends.rank')}</th>
            <th scope="col">{t('trends.band')}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.periodId}>
              <th scope="row">{p.year}</th>
              <td className="num">{fmt.score(p.total)} / {fmt.score(p.maxScore)}</td>
              <td className="num">{fmt.score(p.index)}</td>
              <td className="num">{t('trends.rankOf', { rank: p.rank, of: p.rankedUnits })}</td>
              <td>{p.band ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}

function GroupsAgainstAverage({ point }: { point: Point }) {
  const { t, fmt } = useI18n();
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: point.groups.map((g) => g.code),
        datasets: [
          { label: t('trends.unit'), data: point.groups.map((g) => g.total), backgroundColor: BLUE },
          { label: t('trends.average'), data: point.groups.map((g) => g.periodAverage), backgroundColor: GREY },
        ],
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
    }),
    [point, t],
  );
  const canvas = useChart(config);
  return (
    <figure className="trend-chart">
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={t('trends.groups', { period: point.periodName })} data-testid="chart-groups" />
      </div>
      <figcaption>{t('trends.groups', { period: point.periodName })}</figcaption>
      <div className="table-scroll">
      <table className="table compact" data-testid="groups-table">
        <thead>
          <tr>
            <th scope="col">{t('trends.group')}</th>
            <th scope="col" className="num">{t('trends.unit')}</th>
            <th scope="col" className="num">{t('trends.average')}</th>
          </tr>
        </thead>
        <tbody>
          {point.groups.map((g) => (
            <tr key={g.code}>
              <th scope="row">
                {g.code}. {g.title}
              </th>
              <td className="num">{fmt.score(g.total)} / {fmt.score(g.maxScore)}</td>
              <td className="num">{fmt.score(g.periodAverage)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}
