import { Link, navigate, useLocation } from '../../app/router';
import { IndexDistribution } from '../trends/IndexDistribution';
import { useI18n } from '../../i18n';
import { Figure } from '../figures/Figure';
import { Change } from './Change';
import { publicPaths, usePublicData, type PublicPeriod, type PublicRanking, type UnitKind } from './data';
import { PublicProblem, useLangLink } from './PublicLayout';

/** /public/periods/:id?kind=…: a published period's ranking, a tab per unit kind. */
export function PublicRankingPage({ periodId }: { periodId: string }) {
  const { query } = useLocation();
  const period = usePublicData<PublicPeriod>(publicPaths.period(periodId));
  const asked = query.get('kind') as UnitKind | null;
  const kinds = period.data?.unitKinds ?? [];
  const kind = asked && kinds.includes(asked) ? asked : (kinds[0] ?? null);
  const ranking = usePublicData<PublicRanking>(period.data && kind ? publicPaths.ranking(periodId, kind) : null);
  if (!period.data) return <PublicProblem problem={period.problem} notFound="public.notPublished" />;
  return <Ranking period={period.data} kind={kind} ranking={ranking.data} problem={ranking.problem} />;
}

function Ranking({ period, kind, ranking, problem }: { period: PublicPeriod; kind: UnitKind | null; ranking: PublicRanking | null; problem: string | null }) {
  const { t, fmt } = useI18n();
  const { path, query } = useLocation();
  const to = useLangLink();
  const choose = (k: UnitKind) => {
    const q = new URLSearchParams(query);
    q.set('kind', k);
    navigate(`${path}?${q.toString()}`, { replace: true });
  };
  return (
    <main aria-labelledby="public-ranking-title">
      <p className="crumbs">
        <Link to={to('/public')}>{t('public.allPeriods')}</Link>
      </p>
      <h1 id="public-ranking-title">{period.name}</h1>
      <p className="muted">
        {period.frameworkName} · {t('public.publishedOn', { date: fmt.date(period.publishedAt) })}
      </p>
      {period.unitKinds.length > 1 && (
        <div role="tablist" aria-label={t('public.kinds')} className="public-tabs">
          {period.unitKinds.map((k) => (
            <button key={k} type="button" role="tab" aria-selected={k === kind} className={k === kind ? 'active' : ''} onClick={() => choose(k)}>
              {t(`unitKind.${k}`)}
            </button>
          ))}
        </div>
      )}
      <h2>
        {t('results.ranking')}
        {kind ? ` · ${t(`unitKind.${kind}`)}` : ''}
      </h2>
      {!ranking ? (
        <p className={problem === 'loading' ? 'muted' : 'problem'}>{problem === 'loading' ? t('page.loading') : t('error.network')}</p>
      ) : ranking.rows.length === 0 ? (
        <p className="card muted">{t('public.noUnits')}</p>
      ) : (
        <div className="table-scroll card public-table">
          <table className="table ranking" data-testid="public-ranking">
            <caption className="sr-only">{t('results.ranking')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">{t('results.rank')}</th>
                <th scope="col">{t('results.unit')}</th>
                <th scope="col" className="num">{t('results.total')}</th>
                <th scope="col" className="num">{t('results.index')}</th>
                <th scope="col">{t('results.band')}</th>
                <th scope="col" className="num">{t('results.change')}</th>
              </tr>
            </thead>
            <tbody>
              {ranking.rows.map((r) => (
                <tr key={r.unit.id} data-testid={`public-row-${r.unit.code}`}>
                  <td className="num rank">{r.rank}</td>
                  <td>
                    <Link to={to(`/public/periods/${period.id}/units/${r.unit.id}`)}>{r.unit.name}</Link>
                  </td>
                  <td className="num">
                    {!r.submitted && <span className="not-submitted">{t('results.notSubmitted')} </span>}
                    <Figure testId={`public-total-${r.unit.code}`} score={r.total} max={r.maxScore} />
                  </td>
                  <td className="num">{fmt.score(r.index)}</td>
                  <td>{r.band ?? (r.submitted ? '–' : t('results.notSubmitted'))}</td>
                  <td className="num">
                    <Change rankChange={r.rankChange} totalChange={r.totalChange} previousRank={r.previousRank} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {ranking && ranking.rows.length > 1 && <IndexDistribution indices={ranking.rows.map((r) => r.index)} />}
    </main>
  );
}
