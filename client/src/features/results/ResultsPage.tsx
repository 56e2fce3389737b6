import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { downloadFile } from '../../app/download';
import { errorCode } from '../../app/errors';
import { PageError, PageLoading } from '../../app/PageState';
import { Link } from '../../app/router';
import type { RankingTable_RowFragment, UnitKind } from '../../gql/graphql';
import { PhaseConfirm } from '../periods/PhaseConfirm';
import { useI18n } from '../../i18n';
import { useSession, useUser } from '../auth/session';
import { GroupChart } from './GroupChart';
import { CompareWith } from '../compare/CompareWith';
import { IndexDistribution } from '../trends/IndexDistribution';
import { UnitTrends } from '../trends/UnitTrends';
import { PdfDownload } from './PdfDownload';
import { Figure } from '../figures/Figure';
import { figureText } from '../figures/figures';
import { ImprovementListQuery, ResultsPeriodQuery, ResultsQuery } from './documents';
import { useComputeResultsMutation, usePublishResultsMutation } from './hooks';

/** A period's results: the ranking of its unit kind, a unit's group subtotals and improvement list, downloads. */
export function ResultsPage({ periodId }: { periodId: string }) {
  const head = useQuery(ResultsPeriodQuery, { variables: { periodId } });
  if (head.error && !head.data) return <PageError error={head.error} />;
  if (!head.data) return <PageLoading />;
  return <Results periodId={periodId} unitKind={head.data.period.framework.unitKind} />;
}

function Results({ periodId, unitKind }: { periodId: string; unitKind: UnitKind }) {
  const { t, fmt } = useI18n();
  const user = useUser();
  const { token } = useSession();
  const { data, error } = useQuery(ResultsQuery, { variables: { periodId, unitKind } });
  const [chosen, setChosen] = useState<string | null>(null);
  const [compute, computing] = useComputeResultsMutation();
  const [publish, publishing] = usePublishResultsMutation();
  const [asking, setAsking] = useState(false);
  const [downloadError, setDownloadError] = useState(false);
  if (error && !data) return <PageError error={error} />;
  if (!data) return <PageLoading />;
  const p = data.period;
  const rows = data.ranking;
  const row = rows.find((r) => r.assessmentId === chosen) ?? (rows.length === 1 ? rows[0] : undefined);
  const download = (url: string, name: string) => void downloadFile(token ?? '', url, name).then(() => setDownloadError(false), () => setDownloadError(true));
  const actionError = computing.error ?? publishing.error;

  return (
    <main aria-labelledby="results-title">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link to={`/periods/${p.id}`}>{p.name}</Link>
          </p>
          <h1 id="results-title">{t('results.title')}</h1>
          <p className="muted">
            {p.framework.name} · {t(`unitKind.${unitKind}`)} · {t(`phase.${p.phase}`)}
            {rows[0] ? ` · ${t('results.computedAt', { time: fmt.dateTime(rows[0].computedAt) })}` : ''}
          </p>
        </div>
        <div className="head-side">
          {user.role === 'ADMIN' && (
            <>
              <button type="button" disabled={computing.loading} onClick={() => void compute(p.id).catch(() => undefined)}>
                {t('results.compute')}
              </button>
              {p.phase === 'FINALIZED' && (
                <button type="button" className="primary" disabled={publishing.loading} onClick={() => setAsking(true)}>
                  {t('results.publish')}
                </button>
              )}
              <PhaseConfirm
                periodId={p.id}
                target={asking ? 'PUBLISHED' : null}
                publishing
                busy={publishing.loading}
                onCancel={() => setAsking(false)}
                onConfirm={() => {
                  setAsking(false);
                  void publish(p.id, true).catch(() => undefined);
                }}
              />
            </>
          )}
          {rows.length > 0 && (
            <>
              <button type="button" onClick={() => download(`/export/ranking/${p.id}/${unitKind}.xlsx`, `xep-hang-${p.year}.xlsx`)}>{t('results.downloadXlsx')}</button>
              <button type="button" onClick={() => download(`/export/ranking/${p.id}/${unitKind}.csv`, `xep-hang-${p.year}.csv`)}>{t('results.downloadCsv')}</button>
              <PdfDownload path={`/export/ranking/${p.id}/${unitKind}.pdf`} fallbackName={`xep-hang-${p.year}.pdf`} title={t('report.rankingPdf')} />
            </>
          )}
        </div>
      </header>
      {actionError && <p className="problem" role="alert">{errorCode(actionError) === 'PHASE_CLOSED' ? t('results.phaseClosed') : t('error.network')}</p>}
      {downloadError && <p className="problem" role="alert">{t('error.network')}</p>}
      {rows.length === 0 ? (
        <p className="card muted">{t('results.none')}</p>
      ) : (
        <>
          <RankingTable rows={rows} chosen={row?.assessmentId ?? null} onChoose={setChosen} />
          {rows.length > 1 && <IndexDistribution indices={rows.map((r) => r.index)} />}
        </>
      )}
      {row && (
        <div className="two-col">
          <section className="card" aria-labelledby="groups-title">
            <h2 id="groups-title">{t('results.groups', { unit: row.unit.name })}</h2>
            <GroupChart groups={row.groups} title={t('results.chartTitle', { unit: row.unit.name, figure: figureText(t, fmt, { score: row.total, max: row.maxScore }) })} />
            <button type="button" onClick={() => download(`/export/assessment/${row.assessmentId}.xlsx`, `${row.unit.name}.xlsx`)}>
              {t('results.downloadAssessment')}
            </button>{' '}
            <PdfDownload path={`/export/assessment/${row.assessmentId}.pdf`} fallbackName={`${row.unit.name}.pdf`} title={t('report.scoreSheetPdf')} />
            <CompareWith assessmentId={row.assessmentId} others={rows.filter((r) => r.assessmentId !== row.assessmentId).map((r) => ({ id: r.assessmentId, name: r.unit.name }))} />
          </section>
          <Improvements assessmentId={row.assessmentId} unit={row.unit.name} />
        </div>
      )}
      {row && <UnitTrends key={row.unit.id} unitId={row.unit.id} unitName={row.unit.name} />}
    </main>
  );
}

function RankingTable({ rows, chosen, onChoose }: { rows: readonly RankingTable_RowFragment[]; chosen: string | null; onChoose(id: string): void }) {
  const { t, fmt } = useI18n();
  return (
    <table className="table card ranking" data-testid="ranking">
      <caption className="sr-only">{t('results.ranking')}</caption>
      <thead>
        <tr>
          <th scope="col" className="num">{t('results.rank')}</th>
          <th scope="col">{t('results.unit')}</th>
          <th scope="col" className="num">{t('results.total')}</th>
          <th scope="col" className="num">{t('results.index')}</th>
          <th scope="col">{t('results.band')}</th>
          <th scope="col" className="num">{t('results.change')}</th>
          <th scope="col">{t('results.basis')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.assessmentId} className={r.assessmentId === chosen ? 'chosen' : ''}>
            <td className="num rank">{r.rank}</td>
            <td>
              <button type="button" className="link" onClick={() => onChoose(r.assessmentId)} aria-pressed={r.assessmentId === chosen}>
                {r.unit.name}
              </button>
            </td>
            <td className="num">
              {!r.submitted && <span className="not-submitted" data-testid="not-submitted">{t('results.notSubmitted')}</span>}{' '}
              <Figure testId={`ranking-total-${r.unit.name}`} score={r.total} max={r.maxScore} />
            </td>
            <td className="num">{fmt.score(r.index)}</td>
            <td>{r.band ?? (r.submitted ? '–' : t('results.notSubmitted'))}</td>
            <td className="num">
              {r.rankChange === null || r.rankChange === undefined ? (
                <span className="muted">–</span>
              ) : (
                <span className={r.rankChange > 0 ? 'up' : r.rankChange < 0 ? 'down' : ''} title={t('results.rankWas', { rank: r.previousRank ?? '–' })}>
                  {r.rankChange > 0 ? '▲' : r.rankChange < 0 ? '▼' : '='} {r.rankChange !== 0 ? Math.abs(r.rankChange) : ''} <span className="muted small">({t('results.rankWas', { rank: r.previousRank ?? '–' })})</span>
                </span>
              )}
            </td>
            <td className="small">{t(`basis.${r.basis}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Improvements({ assessmentId, unit }: { assessmentId: string; unit: string }) {
  const { t, fmt } = useI18n();
  const { data, error } = useQuery(ImprovementListQuery, { variables: { assessmentId } });
  return (
    <section className="card" aria-labelledby="improve-title">
      <h2 id="improve-title">{t('results.improvements', { unit })}</h2>
      {error && !data && <p className="problem">{t('error.network')}</p>}
      {data && data.improvementList.length === 0 && <p className="ok">{t('results.noImprovements')}</p>}
      {data && data.improvementList.length > 0 && (
        <table className="table compact" data-testid="improvements">
          <thead>
            <tr>
              <th scope="col">{t('table.criterion')}</th>
              <th scope="col" className="num">{t('table.score')}</th>
              <th scope="col" className="num">{t('results.pointsLost')}</th>
            </tr>
          </thead>
          <tbody>
            {data.improvementList.map((i) => (
              <tr key={i.criterionId}>
                <td>
                  <span className="code">{i.code}</span> {i.title}
                </td>
                <td className="num">
                  <Figure strong={false} score={i.score} max={i.maxScore} />
                </td>
                <td className="num">
                  <strong>{fmt.score(i.pointsLost)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
