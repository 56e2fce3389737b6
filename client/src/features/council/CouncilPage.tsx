import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { errorCode, errorProblems } from '../../app/errors';
import { PageError, PageLoading } from '../../app/PageState';
import { Link } from '../../app/router';
import { useI18n } from '../../i18n';
import { AssignAppraisersMutation, PeriodCouncilQuery } from './documents';

interface Seat {
  chair: boolean;
  groups: Set<string>;
}

/**
 * ADMIN: the period's appraisal councils. Pick units (one council for many at once), pick the
 * appraisers, one chair, optionally the criteria groups each member appraises; save replaces the
 * picked units' councils. The table shows every unit's council.
 */
export function CouncilPage({ periodId }: { periodId: string }) {
  const { t } = useI18n();
  const { data, error, refetch } = useQuery(PeriodCouncilQuery, { variables: { id: periodId } });
  const [assign, assigning] = useMutation(AssignAppraisersMutation);
  const [units, setUnits] = useState<Set<string>>(new Set());
  const [seats, setSeats] = useState<Map<string, Seat>>(new Map());
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  if (error && !data) return <PageError error={error} />;
  if (!data) return <PageLoading />;
  const p = data.period;
  const appraisers = data.users.filter((u) => u.role === 'APPRAISER' && u.active);
  const groups = p.framework.criteria.filter((c) => c.depth === 1);
  const councilOf = (unitId: string) => p.council.filter((m) => m.unit.id === unitId);

  const toggleUnit = (id: string, on: boolean) => {
    const next = new Set(units);
    if (on) next.add(id);
    else next.delete(id);
    setUnits(next);
  };
  const setSeat = (userId: string, seat: Seat | null) => {
    const next = new Map(seats);
    if (seat) next.set(userId, seat);
    else next.delete(userId);
    if (seat?.chair) for (const [id, s] of next) if (id !== userId) next.set(id, { ...s, chair: false });
    setSeats(next);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      await assign({
        variables: {
          input: {
            periodId,
            unitIds: [...units],
            members: [...seats].map(([userId, s]) => ({ userId, chair: s.chair, criterionIds: [...s.groups] })),
          },
        },
      });
      await refetch();
      setMessage({ ok: true, text: t('council.saved', { n: units.size }) });
    } catch (err) {
      const code = errorCode(err);
      setMessage({ ok: false, text: code === 'BAD_USER_INPUT' ? errorProblems(err).map((x) => x.message).join('; ') : code === 'PHASE_CLOSED' ? t('council.closed') : t('error.network') });
    }
  };

  return (
    <main aria-labelledby="council-title">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link to={`/periods/${p.id}`}>{p.name}</Link> › {t('council.title')}
          </p>
          <h1 id="council-title">{t('council.title')}</h1>
          <p className="muted">{p.council.length === 0 ? t('council.open') : t('council.run')}</p>
        </div>
      </header>
      <form className="card council-form" onSubmit={submit}>
        <fieldset>
          <legend>{t('council.units')}</legend>
          {p.assessments.map((a) => (
            <label key={a.id} className="check">
              <input type="checkbox" checked={units.has(a.unit.id)} onChange={(e) => toggleUnit(a.unit.id, e.target.checked)} /> {a.unit.name}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('council.members')}</legend>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('council.appraiser')}</th>
                <th scope="col">{t('council.member')}</th>
                <th scope="col">{t('council.chair')}</th>
                <th scope="col">{t('council.groups')}</th>
              </tr>
            </thead>
            <tbody>
              {appraisers.map((u) => {
                const seat = seats.get(u.id);
                return (
                  <tr key={u.id}>
                    <th scope="row">{u.name}</th>
                    <td>
                      <input type="checkbox" aria-label={t('council.memberOf', { name: u.name })} checked={!!seat} onChange={(e) => setSeat(u.id, e.target.checked ? { chair: false, groups: new Set() } : null)} />
                    </td>
                    <td>
                      <input type="radio" name="chair" aria-label={t('council.chairOf', { name: u.name })} disabled={!seat} checked={!!seat?.chair} onChange={() => seat && setSeat(u.id, { ...seat, chair: true })} />
                    </td>
                    <td>
                      {groups.map((g) => (
                        <label key={g.id} className="check small" title={g.title}>
                          <input
                            type="checkbox"
                            disabled={!seat}
                            checked={!!seat?.groups.has(g.id)}
                            onChange={(e) => {
                              if (!seat) return;
                              const next = new Set(seat.groups);
                              if (e.target.checked) next.add(g.id);
                              else next.delete(g.id);
                              setSeat(u.id, { ...seat, groups: next });
                            }}
                          />{' '}
                          {g.code}
                        </label>
                      ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small">{t('council.groupsHint')}</p>
        </fieldset>
        <div className="editor-actions">
          <button type="submit" className="primary" disabled={assigning.loading || units.size === 0}>
            {seats.size === 0 ? t('council.remove', { n: units.size }) : t('council.assign', { n: units.size })}
          </button>
          {message && (
            <span role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'problem'}>
              {message.text}
            </span>
          )}
        </div>
      </form>
      <section className="card" aria-labelledby="council-now">
        <h2 id="council-now">{t('council.current')}</h2>
        <table className="table" data-testid="councils">
          <thead>
            <tr>
              <th scope="col">{t('council.unit')}</th>
              <th scope="col">{t('council.members')}</th>
            </tr>
          </thead>
          <tbody>
            {p.assessments.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.unit.name}</th>
                <td>
                  {councilOf(a.unit.id).length === 0
                    ? '—'
                    : councilOf(a.unit.id)
                        .map((m) => `${m.user.name}${m.chair ? ` (${t('council.chair')})` : ''}${m.groups.length ? ` [${m.groups.map((g) => g.code).join(', ')}]` : ''}`)
                        .join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
