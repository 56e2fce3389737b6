import { useQuery } from '@apollo/client/react';
import { useMemo, useState, type FormEvent } from 'react';
import { PageError, PageLoading } from '../../app/PageState';
import { Link, navigate } from '../../app/router';
import { ProblemList } from '../../app/ProblemList';
import { useI18n } from '../../i18n';
import { useUser } from '../auth/session';
import { PeriodFormOptionsQuery, PeriodsQuery } from './documents';
import { useCreatePeriodMutation } from './hooks';
import { YourAssessmentCell } from './YourAssessmentCell';

/** Every period: a unit's people go to their own assessment; ADMIN and VIEWER to the period. */
export function PeriodsPage() {
  const { t } = useI18n();
  const user = useUser();
  const { data, error } = useQuery(PeriodsQuery);
  const [creating, setCreating] = useState(false);
  if (error && !data) return <PageError error={error} />;
  if (!data) return <PageLoading />;
  const unitMember = user.role === 'LEADER' || user.role === 'STAFF';
  return (
    <main aria-labelledby="periods-title">
      <header className="page-head">
        <h1 id="periods-title">{t('periods.title')}</h1>
        {user.role === 'ADMIN' && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t('periods.new')}
          </button>
        )}
      </header>
      {creating && <CreatePeriodForm onClose={() => setCreating(false)} />}
      <table className="table card">
        <thead>
          <tr>
            <th scope="col">{t('periods.name')}</th>
            <th scope="col">{t('periods.year')}</th>
            <th scope="col">{t('periods.framework')}</th>
            <th scope="col">{t('periods.phase')}</th>
            <th scope="col">{unitMember ? t('periods.yourAssessment') : t('periods.units')}</th>
          </tr>
        </thead>
        <tbody>
          {data.periods.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">{t('periods.none')}</td>
            </tr>
          )}
          {data.periods.map((p) => (
            <tr key={p.id}>
              <td>{unitMember ? p.name : <Link to={`/periods/${p.id}`}>{p.name}</Link>}</td>
              <td>{p.year}</td>
              <td>{p.framework.name}</td>
              <td>
                <span className={`phase phase-${p.phase}`}>{t(`phase.${p.phase}`)}</span>
              </td>
              <YourAssessmentCell period={p} user={user} />
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

function CreatePeriodForm({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { data } = useQuery(PeriodFormOptionsQuery);
  const [create, { loading, error }] = useCreatePeriodMutation();
  const published = (data?.frameworks ?? []).filter((f) => f.status === 'PUBLISHED');
  const [frameworkId, setFrameworkId] = useState('');
  const framework = published.find((f) => f.id === frameworkId) ?? published[0];
  const [name, setName] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [deadline, setDeadline] = useState('');
  const candidates = useMemo(() => (data?.units ?? []).filter((u) => u.kind === framework?.unitKind), [data?.units, framework?.unitKind]);
  const [unitIds, setUnitIds] = useState<Set<string> | null>(null);
  const chosen = unitIds ?? new Set(candidates.map((u) => u.id));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!framework) return;
    try {
      const { data: created } = await create({
        name: name.trim() || `${framework.name} ${year}`,
        year: Number(year),
        frameworkId: framework.id,
        unitIds: [...chosen],
        selfAssessmentDeadline: deadline ? new Date(`${deadline}T23:59:59`).toISOString() : null,
      });
      if (created) navigate(`/periods/${created.createPeriod.id}`);
    } catch {
      /* shown below */
    }
  };

  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby="new-period-title">
      <h2 id="new-period-title">{t('periods.new')}</h2>
      <div className="field">
        <label htmlFor="p-framework">{t('periods.framework')}</label>
        <select id="p-framework" value={framework?.id ?? ''} onChange={(e) => { setFrameworkId(e.target.value); setUnitIds(null); }} required>
          {published.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name} (v{f.version}, {t(`unitKind.${f.unitKind}`)})
            </option>
          ))}
        </select>
        {published.length === 0 && <p className="hint">{t('periods.noPublished')}</p>}
      </div>
      <div className="field">
        <label htmlFor="p-name">{t('periods.name')}</label>
        <input id="p-name" value={name} onChange={(e) => setName(e.target.value)} placeholder={framework ? `${framework.name} ${year}` : ''} />
      </div>
      <div className="field">
        <label htmlFor="p-year">{t('periods.year')}</label>
        <input id="p-year" type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="p-deadline">{t('periods.deadline')}</label>
        <input id="p-deadline" type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      </div>
      <fieldset className="field units-pick">
        <legend>{t('periods.unitsPick', { count: chosen.size })}</legend>
        {candidates.map((u) => (
          <label key={u.id} className="choice">
            <input
              type="checkbox"
              checked={chosen.has(u.id)}
              onChange={() => {
                const next = new Set(chosen);
                if (next.has(u.id)) next.delete(u.id);
                else next.add(u.id);
                setUnitIds(next);
              }}
            />
            {u.name}
          </label>
        ))}
      </fieldset>
      <ProblemList error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={loading || !framework || chosen.size === 0}>
          {t('periods.create')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
