import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ProblemList } from '../../app/ProblemList';
import { PageError, PageLoading } from '../../app/PageState';
import type { Role, UnitKind } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { useUser } from '../auth/session';
import { ApiTokens } from './ApiTokens';
import { AdminPeopleQuery } from './documents';
import { useCreateUnitMutation, useCreateUserMutation, useSetUserActiveMutation, useUpdateUnitMutation } from './hooks';
import { PeopleImport } from './PeopleImport';

const KINDS: readonly UnitKind[] = ['DEPARTMENT', 'DISTRICT', 'COMMUNE', 'OTHER'];
const ROLES: readonly Role[] = ['STAFF', 'LEADER', 'APPRAISER', 'VIEWER', 'ADMIN'];

/** ADMIN: the province's units and the people who sign in. */
export function PeoplePage() {
  const { t } = useI18n();
  const me = useUser();
  const { data, error } = useQuery(AdminPeopleQuery);
  const [setActive] = useSetUserActiveMutation();
  const [unitFilter, setUnitFilter] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  if (error && !data) return <PageError error={error} />;
  if (!data) return <PageLoading />;
  const users = data.users.filter((u) => !unitFilter || u.unit?.id === unitFilter);
  return (
    <main aria-labelledby="people-title">
      <header className="page-head">
        <h1 id="people-title">{t('admin.people')}</h1>
      </header>
      <div className="two-col">
        <section className="card" aria-labelledby="units-title">
          <h2 id="units-title">{t('admin.units', { count: data.units.length })}</h2>
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">{t('admin.unitCode')}</th>
                <th scope="col">{t('admin.unitName')}</th>
                <th scope="col">{t('admin.unitKind')}</th>
                <th scope="col"><span className="sr-only">{t('admin.edit')}</span></th>
              </tr>
            </thead>
            <tbody>
              {data.units.map((u) =>
                editing === u.id ? (
                  <tr key={u.id}>
                    <td colSpan={4}>
                      <EditUnitForm unit={u} units={data.units} onDone={() => setEditing(null)} />
                    </td>
                  </tr>
                ) : (
                  <tr key={u.id}>
                    <td className="code">{u.code}</td>
                    <td>
                      {u.name}
                      {u.parent && <span className="muted small"> · {u.parent.name}</span>}
                    </td>
                    <td>{t(`unitKind.${u.kind}`)}</td>
                    <td>
                      <button type="button" onClick={() => setEditing(u.id)} aria-label={t('admin.editWho', { name: u.name })}>
                        {t('admin.edit')}
                      </button>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
          <NewUnitForm units={data.units} />
        </section>
        <section className="card" aria-labelledby="users-title">
          <h2 id="users-title">{t('admin.users', { count: data.users.length })}</h2>
          <div className="field inline">
            <label htmlFor="user-unit-filter">{t('admin.filterUnit')}</label>
            <select id="user-unit-filter" value={unitFilter} onChange={(e) => setUnitFilter(e.target.value)}>
              <option value="">{t('admin.allUnits')}</option>
              {data.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">{t('admin.userName')}</th>
                <th scope="col">{t('admin.role')}</th>
                <th scope="col">{t('admin.unit')}</th>
                <th scope="col">{t('admin.active')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className={u.active ? '' : 'inactive'}>
                  <td>
                    {u.name}
                    <br />
                    <span className="muted small">{u.email}</span>
                  </td>
                  <td>{t(`role.${u.role}`)}</td>
                  <td>{u.unit?.name ?? '–'}</td>
                  <td>
                    <button type="button" disabled={u.id === me.id} onClick={() => void setActive(u.id, !u.active).catch(() => undefined)} aria-label={t(u.active ? 'admin.disableWho' : 'admin.enableWho', { name: u.name })}>
                      {t(u.active ? 'admin.disable' : 'admin.enable')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <NewUserForm units={data.units} />
        </section>
      </div>
      <PeopleImport />
      <ApiTokens />
    </main>
  );
}

function Problems({ error }: { error: unknown }) {
  return <ProblemList error={error} />;
}

/** A unit's name, kind and parent, changed in place; the server refuses a cycle or a kind fixed by a period. */
function EditUnitForm({ unit, units, onDone }: { unit: { id: string; code: string; name: string; kind: UnitKind; parent?: { id: string } | null }; units: readonly { id: string; name: string }[]; onDone(): void }) {
  const { t } = useI18n();
  const [update, { loading, error }] = useUpdateUnitMutation();
  const [name, setName] = useState(unit.name);
  const [kind, setKind] = useState<UnitKind>(unit.kind);
  const [parentId, setParentId] = useState(unit.parent?.id ?? '');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await update(unit.id, { name: name.trim(), kind, parentId: parentId || null });
      onDone();
    } catch {
      /* shown */
    }
  };
  const field = (part: string) => `edit-unit-${unit.id}-${part}`;
  return (
    <form className="form-grid compact" onSubmit={submit} aria-label={t('admin.editUnit', { name: unit.code })} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <div className="field">
        <label htmlFor={field('name')}>{t('admin.unitName')}</label>
        <input id={field('name')} value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
      </div>
      <div className="field">
        <label htmlFor={field('kind')}>{t('admin.unitKind')}</label>
        <select id={field('kind')} value={kind} onChange={(e) => setKind(e.target.value as UnitKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`unitKind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={field('parent')}>{t('admin.parentUnit')}</label>
        <select id={field('parent')} value={parentId} onChange={(e) => setParentId(e.target.value)}>
          <option value="">–</option>
          {units
            .filter((u) => u.id !== unit.id)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
        </select>
      </div>
      <Problems error={error} />
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={loading}>
          {t('admin.save')}
        </button>
      </div>
    </form>
  );
}

function NewUnitForm({ units }: { units: readonly { id: string; name: string }[] }) {
  const { t } = useI18n();
  const [create, { loading, error }] = useCreateUnitMutation();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<UnitKind>('DISTRICT');
  const [parentId, setParentId] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await create({ code: code.trim(), name: name.trim(), kind, parentId: parentId || null });
      setCode('');
      setName('');
    } catch {
      /* shown */
    }
  };
  return (
    <form className="form-grid compact" onSubmit={submit} aria-labelledby="new-unit">
      <h3 id="new-unit">{t('admin.newUnit')}</h3>
      <div className="field">
        <label htmlFor="unit-code">{t('admin.unitCode')}</label>
        <input id="unit-code" value={code} onChange={(e) => setCode(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="unit-name">{t('admin.unitName')}</label>
        <input id="unit-name" value={name} onChange={(e) => setName(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="unit-kind">{t('admin.unitKind')}</label>
        <select id="unit-kind" value={kind} onChange={(e) => setKind(e.target.value as UnitKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`unitKind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="unit-parent">{t('admin.parentUnit')}</label>
        <select id="unit-parent" value={parentId} onChange={(e) => setParentId(e.target.value)}>
          <option value="">–</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <Problems error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={loading}>
          {t('admin.addUnit')}
        </button>
      </div>
    </form>
  );
}

function NewUserForm({ units }: { units: readonly { id: string; name: string }[] }) {
  const { t } = useI18n();
  const [create, { loading, error }] = useCreateUserMutation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('STAFF');
  const [unitId, setUnitId] = useState('');
  const needsUnit = role === 'STAFF' || role === 'LEADER';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await create({ name: name.trim(), email: email.trim(), password, role, unitId: needsUnit ? unitId || null : null });
      setName('');
      setEmail('');
      setPassword('');
    } catch {
      /* shown */
    }
  };
  return (
    <form className="form-grid compact" onSubmit={submit} aria-labelledby="new-user">
      <h3 id="new-user">{t('admin.newUser')}</h3>
      <div className="field">
        <label htmlFor="user-name">{t('admin.userName')}</label>
        <input id="user-name" value={name} onChange={(e) => setName(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="user-email">{t('signin.email')}</label>
        <input id="user-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="user-password">{t('admin.password')}</label>
        <input id="user-password" type="password" autoComplete="new-password" minLength={role === 'ADMIN' ? 12 : 10} value={password} onChange={(e) => setPassword(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="user-role">{t('admin.role')}</label>
        <select id="user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </div>
      {needsUnit && (
        <div className="field">
          <label htmlFor="user-unit">{t('admin.unit')}</label>
          <select id="user-unit" value={unitId} onChange={(e) => setUnitId(e.target.value)} required>
            <option value="">–</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <Problems error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={loading}>
          {t('admin.addUser')}
        </button>
      </div>
    </form>
  );
}
