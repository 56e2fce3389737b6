import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { PageError, PageLoading } from '../../app/PageState';
import { navigate, useLocation } from '../../app/router';
import type { CompareHead_SideFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { Figure } from '../figures/Figure';
import { CompareCandidatesQuery, ComparePeriodsQuery, CompareQuery } from './documents';

export const compareUrl = (left: string, right: string) => `/compare?left=${encodeURIComponent(left)}&right=${encodeURIComponent(right)}`;

/**
 * Two assessments criterion by criterion (two units of a period, or one unit in two periods): each
 * criterion's score on both sides and what moved, the rows that differ highlighted. The right side
 * can be changed on the page: a period, then a unit of it.
 */
export function ComparePage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const left = query.get('left');
  const right = query.get('right');
  if (!left) return <p className="card">{t('compare.chooseLeft')}</p>;
  return (
    <main aria-labelledby="compare-title">
      <header className="page-head">
        <div>
          <h1 id="compare-title">{t('compare.title')}</h1>
          <p className="muted">{t('compare.explain')}</p>
        </div>
      </header>
      <RightChooser left={left} />
      {right ? <Comparison key={`${left}|${right}`} left={left} right={right} /> : <p className="card muted">{t('compare.chooseRight')}</p>}
    </main>
  );
}

function Comparison({ left, right }: { left: string; right: string }) {
  const { t } = useI18n();
  const [onlyChanged, setOnlyChanged] = useState(false);
  const { data, error } = useQuery(CompareQuery, { variables: { left, right } });
  if (error && !data) return <PageError error={error} />;
  if (!data) return <PageLoading />;
  const c = data.compareAssessments;
  const rows = onlyChanged ? c.rows.filter((r) => r.change !== 0) : c.rows;
  return (
    <section className="card" aria-labelledby="compare-table-title">
      <div className="compare-bar">
        <h2 id="compare-table-title">{t('compare.changed', { count: c.changed, total: c.rows.length })}</h2>
        <label className="check">
          <input type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} /> {t('compare.onlyChanged')}
        </label>
        <button type="button" onClick={() => navigate(compareUrl(right, left))}>
          {t('compare.swap')}
        </button>
      </div>
      <div className="table-scroll">
        <table className="table compare" data-testid="comparison">
          <thead>
            <tr>
              <th scope="col">{t('compare.criterion')}</th>
              <SideHead side={c.left} />
              <SideHead side={c.right} />
              <th scope="col" className="num">{t('compare.change')}</th>
            </tr>
          </thead>
          <tbody>
            <tr className="compare-total">
              <th scope="row">{t('compare.total')}</th>
              <td className="num"><Figure score={c.left.total} max={c.left.maxScore} /></td>
              <td className="num"><Figure score={c.right.total} max={c.right.maxScore} /></td>
              <td className="num"><Change value={Math.round((c.right.total - c.left.total) * 100) / 100} /></td>
            </tr>
            {rows.map((r) => (
              <tr key={r.code} className={r.change !== 0 ? 'changed' : ''} data-testid={`compare-${r.code}`}>
                <th scope="row" className={r.isLeaf ? 'leaf' : 'group'} style={{ paddingInlineStart: `${0.5 + (r.depth - 1) * 1.1}rem` }}>
                  <span className="code">{r.code}</span> {r.title}
                </th>
                <td className="num">{r.left ? <Figure strong={!r.isLeaf} score={r.left.score} max={r.left.maxScore} /> : <span className="muted">{t('compare.absent')}</span>}</td>
                <td className="num">{r.right ? <Figure strong={!r.isLeaf} score={r.right.score} max={r.right.maxScore} /> : <span className="muted">{t('compare.absent')}</span>}</td>
                <td className="num">{r.change === null ? <span className="muted">–</span> : <Change value={r.change} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t('compare.basisNote')}</p>
    </section>
  );
}

function SideHead({ side }: { side: CompareHead_SideFragment }) {
  const { t } = useI18n();
  return (
    <th scope="col" className="num">
      {side.unitName}
      <br />
      <span className="muted small">
        {side.periodName} · {t(side.basis === 'APPRAISED' ? 'compare.appraised' : 'compare.self')}
      </span>
    </th>
  );
}

/** A change with its direction: ▲ more, ▼ less, = the same. */
function Change({ value }: { value: number }) {
  const { t, fmt } = useI18n();
  if (value === 0) return <span className="muted" aria-label={t('compare.same')}>=</span>;
  return (
    <span className={value > 0 ? 'up' : 'down'} aria-label={t(value > 0 ? 'compare.more' : 'compare.less', { points: fmt.score(Math.abs(value)) })}>
      {value > 0 ? '▲ +' : '▼ −'}
      {fmt.score(Math.abs(value))}
    </span>
  );
}

/** The right side: a period the person sees, then one of its units. */
function RightChooser({ left }: { left: string }) {
  const { t } = useI18n();
  const periods = useQuery(ComparePeriodsQuery);
  const [periodId, setPeriodId] = useState('');
  const candidates = useQuery(CompareCandidatesQuery, { variables: { periodId }, skip: !periodId });
  const units = (candidates.data?.assessments.edges ?? []).map((e) => e.node).filter((a) => a.id !== left);
  return (
    <form className="card compare-choose" aria-label={t('compare.chooseTitle')} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('compare.period')}
        <select value={periodId} onChange={(e) => setPeriodId(e.target.value)}>
          <option value="">{t('compare.pickPeriod')}</option>
          {(periods.data?.periods ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.year})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('compare.unit')}
        <select value="" disabled={!periodId || units.length === 0} onChange={(e) => e.target.value && navigate(compareUrl(left, e.target.value))}>
          <option value="">{t('compare.pickUnit')}</option>
          {units.map((a) => (
            <option key={a.id} value={a.id}>
              {a.unit.code} · {a.unit.name}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}

