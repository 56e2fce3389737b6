import { Link } from '../../app/router';
import { useI18n } from '../../i18n';
import { Figure } from '../figures/Figure';
import { figureText } from '../figures/figures';
import { GroupChart } from '../results/GroupChart';
import { TrendCharts } from '../trends/UnitTrends';
import { Change } from './Change';
import { publicPaths, usePublicData, type PublicUnitResult } from './data';
import { PublicProblem, useLangLink } from './PublicLayout';

/** /public/periods/:id/units/:unitId: a unit's published result, its groups and its history. */
export function PublicUnitPage({ periodId, unitId }: { periodId: string; unitId: string }) {
  const { t, fmt } = useI18n();
  const to = useLangLink();
  const state = usePublicData<PublicUnitResult>(publicPaths.unit(periodId, unitId));
  if (!state.data) return <PublicProblem problem={state.problem} notFound="public.unitNotFound" />;
  const { period, row, history } = state.data;
  return (
    <main aria-labelledby="public-unit-title">
      <p className="crumbs">
        <Link to={to('/public')}>{t('public.allPeriods')}</Link> › <Link to={to(`/public/periods/${period.id}?kind=${row.unit.kind}`)}>{period.name}</Link>
      </p>
      <h1 id="public-unit-title">{row.unit.name}</h1>
      <p className="muted">
        {t(`unitKind.${row.unit.kind}`)} · {period.frameworkName} · {t('public.publishedOn', { date: fmt.date(period.publishedAt) })}
      </p>
      <dl className="card public-summary" data-testid="public-unit-summary">
        <div>
          <dt>{t('results.rank')}</dt>
          <dd className="public-rank" data-testid="public-unit-rank">{row.rank}</dd>
        </div>
        <div>
          <dt>{t('results.total')}</dt>
          <dd>
            {!row.submitted && <span className="not-submitted">{t('results.notSubmitted')} </span>}
            <Figure testId="public-unit-total" score={row.total} max={row.maxScore} />
          </dd>
        </div>
        <div>
          <dt>{t('results.index')}</dt>
          <dd>{fmt.score(row.index)}</dd>
        </div>
        <div>
          <dt>{t('results.band')}</dt>
          <dd>{row.band ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('results.change')}</dt>
          <dd>
            <Change rankChange={row.rankChange} totalChange={row.totalChange} previousRank={row.previousRank} />
          </dd>
        </div>
      </dl>
      <section className="card" aria-labelledby="public-groups-title">
        <h2 id="public-groups-title">{t('public.groupsTitle')}</h2>
        <GroupChart groups={row.groups} title={t('results.chartTitle', { unit: row.unit.name, figure: figureText(t, fmt, { score: row.total, max: row.maxScore }) })} />
        <div className="table-scroll">
          <table className="table compact" data-testid="public-groups">
            <thead>
              <tr>
                <th scope="col">{t('public.group')}</th>
                <th scope="col" className="num">{t('table.score')}</th>
                <th scope="col" className="num">{t('public.groupRank')}</th>
              </tr>
            </thead>
            <tbody>
              {row.groups.map((g) => (
                <tr key={g.criterionId}>
                  <td>
                    <span className="code">{g.code}</span> {g.title}
                  </td>
                  <td className="num">
                    <Figure strong={false} score={g.total} max={g.maxScore} />
                  </td>
                  <td className="num">{g.rank}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <TrendCharts id={`public-${row.unit.id}`} unitName={row.unit.name} points={history} latestId={period.id} />
      <section className="card" aria-labelledby="public-history-title">
        <h2 id="public-history-title">{t('public.history')}</h2>
        <div className="table-scroll">
          <table className="table compact" data-testid="public-history">
            <thead>
              <tr>
                <th scope="col">{t('public.year')}</th>
                <th scope="col">{t('public.period')}</th>
                <th scope="col" className="num">{t('results.total')}</th>
                <th scope="col" className="num">{t('results.index')}</th>
                <th scope="col" className="num">{t('results.rank')}</th>
                <th scope="col">{t('results.band')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.periodId} className={h.periodId === period.id ? 'chosen' : ''}>
                  <td>{h.year}</td>
                  <td>{h.periodId === period.id ? h.periodName : <Link to={to(`/public/periods/${h.periodId}/units/${row.unit.id}`)}>{h.periodName}</Link>}</td>
                  <td className="num">
                    <Figure strong={false} score={h.total} max={h.maxScore} />
                  </td>
                  <td className="num">{fmt.score(h.index)}</td>
                  <td className="num">{h.rank}</td>
                  <td>{h.band ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}
