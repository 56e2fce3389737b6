import { Link } from '../../app/router';
import { useI18n } from '../../i18n';
import { publicPaths, usePublicData, type PublicPeriod } from './data';
import { PublicProblem, useLangLink } from './PublicLayout';

/** /public: every published period, the latest first, with a link to each unit kind's ranking. */
export function PublicPeriodsPage() {
  const { t, fmt } = useI18n();
  const to = useLangLink();
  const state = usePublicData<PublicPeriod[]>(publicPaths.periods());
  if (!state.data) return <PublicProblem problem={state.problem} notFound="public.notPublished" />;
  return (
    <main aria-labelledby="public-title">
      <h1 id="public-title">{t('public.title')}</h1>
      <p className="muted">{t('public.intro')}</p>
      {state.data.length === 0 && <p className="card muted">{t('public.none')}</p>}
      <ul className="public-periods">
        {state.data.map((p) => (
          <li key={p.id} className="card" data-testid={`public-period-${p.id}`}>
            <h2>
              <Link to={to(`/public/periods/${p.id}`)}>{p.name}</Link>
            </h2>
            <p className="muted small">
              {p.frameworkName} · {p.year} · {t('public.publishedOn', { date: fmt.date(p.publishedAt) })}
            </p>
            <p className="public-kinds">
              {p.unitKinds.map((k) => (
                <Link key={k} to={to(`/public/periods/${p.id}?kind=${k}`)} className="button">
                  {t(`unitKind.${k}`)}
                </Link>
              ))}
            </p>
          </li>
        ))}
      </ul>
    </main>
  );
}
