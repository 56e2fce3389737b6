import { useState, type FormEvent } from 'react';
import { downloadFile } from '../../app/download';
import { ProblemList } from '../../app/ProblemList';
import type { ImportPeopleSheetMutation, SheetFileInput } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { useSession } from '../auth/session';
import { useImportPeopleSheetMutation } from './hooks';

type Result = ImportPeopleSheetMutation['importPeopleSheet'];
type Stage = { kind: 'idle' } | { kind: 'reading'; percent: number } | { kind: 'checking' } | { kind: 'applying' };

/** A file as base64, reporting how much of it has been read (large sheets take a moment). */
export function readAsBase64(file: File, onProgress: (share: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    reader.onerror = () => reject(reader.error);
    reader.onload = () => {
      onProgress(1);
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

const formatOf = (file: File): SheetFileInput['format'] => (/\.csv$/i.test(file.name) ? 'CSV' : 'XLSX');

/**
 * ADMIN: units and people from spreadsheets. "Xem trước" checks both files and lists what would
 * change (nothing is written); "Áp dụng" then imports them all or nothing. Every problem is
 * listed by sheet, row and column; progress is shown while files are read, checked and applied.
 */
export function PeopleImport() {
  const { token } = useSession();
  const download = (which: 'units' | 'users', ext: 'xlsx' | 'csv') => downloadFile(token ?? '', `/export/templates/${which}.${ext}`, `mau-${which}.${ext}`);
  return <PeopleImportForm downloadTemplate={download} />;
}

/** The import itself, given how to fetch a template (the signed-in download). */
export function PeopleImportForm({ downloadTemplate }: { downloadTemplate(which: 'units' | 'users', ext: 'xlsx' | 'csv'): Promise<void> }) {
  const { t, fmt } = useI18n();
  const [run, { error, reset }] = useImportPeopleSheetMutation();
  const [units, setUnits] = useState<File | null>(null);
  const [users, setUsers] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [preview, setPreview] = useState<Result | null>(null);
  const [applied, setApplied] = useState<Result | null>(null);
  const [templateError, setTemplateError] = useState(false);
  const busy = stage.kind !== 'idle';

  const choose = (which: 'units' | 'users', file: File | null) => {
    if (which === 'units') setUnits(file);
    else setUsers(file);
    setPreview(null);
    setApplied(null);
    reset();
  };

  const go = async (dryRun: boolean) => {
    const files = [units, users].filter((f): f is File => !!f);
    const total = files.reduce((s, f) => s + f.size, 0) || 1;
    let done = 0;
    try {
      setStage({ kind: 'reading', percent: 0 });
      const read = async (f: File | null) => {
        if (!f) return null;
        const base = done;
        const fileBase64 = await readAsBase64(f, (share) => setStage({ kind: 'reading', percent: Math.round(((base + share * f.size) / total) * 100) }));
        done += f.size;
        return { fileBase64, format: formatOf(f) };
      };
      const input = { units: await read(units), users: await read(users), dryRun };
      setStage({ kind: dryRun ? 'checking' : 'applying' });
      const { data } = await run(input);
      if (data) {
        if (dryRun) setPreview(data.importPeopleSheet);
        else {
          setApplied(data.importPeopleSheet);
          setPreview(null);
        }
      }
    } catch {
      /* shown by ProblemList */
    } finally {
      setStage({ kind: 'idle' });
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void go(true);
  };
  const template = (which: 'units' | 'users', ext: 'xlsx' | 'csv') => void downloadTemplate(which, ext).then(() => setTemplateError(false), () => setTemplateError(true));
  const rows = (preview?.units.length ?? 0) + (preview?.users.length ?? 0);

  return (
    <section className="card" aria-labelledby="people-import-title">
      <h2 id="people-import-title">{t('peopleImport.title')}</h2>
      <p className="muted">{t('peopleImport.explain')}</p>
      <p className="templates">
        {t('peopleImport.templates')}{' '}
        <button type="button" className="link" onClick={() => template('units', 'xlsx')}>{t('peopleImport.templateUnits')}</button>{' '}
        <button type="button" className="link" onClick={() => template('users', 'xlsx')}>{t('peopleImport.templateUsers')}</button>{' '}
        <button type="button" className="link" onClick={() => template('units', 'csv')}>{t('peopleImport.templateUnitsCsv')}</button>{' '}
        <button type="button" className="link" onClick={() => template('users', 'csv')}>{t('peopleImport.templateUsersCsv')}</button>
      </p>
      {templateError && <p className="problem" role="alert">{t('error.network')}</p>}
      <form className="form-grid compact" onSubmit={submit}>
        <div className="field">
          <label htmlFor="people-units-file">{t('peopleImport.unitsFile')}</label>
          <input id="people-units-file" type="file" accept=".xlsx,.csv" disabled={busy} onChange={(e) => choose('units', e.target.files?.[0] ?? null)} />
        </div>
        <div className="field">
          <label htmlFor="people-users-file">{t('peopleImport.usersFile')}</label>
          <input id="people-users-file" type="file" accept=".xlsx,.csv" disabled={busy} onChange={(e) => choose('users', e.target.files?.[0] ?? null)} />
        </div>
        <div className="form-actions">
          <button type="submit" disabled={busy || (!units && !users)}>{t('peopleImport.preview')}</button>
          <button type="button" className="primary" disabled={busy || !preview || preview.unitsCreated + preview.unitsUpdated + preview.usersCreated + preview.usersUpdated === 0} onClick={() => void go(false)}>
            {t('peopleImport.apply')}
          </button>
        </div>
      </form>
      {busy && (
        <div className="import-progress" role="status" aria-live="polite">
          <progress max={100} value={stage.kind === 'reading' ? stage.percent : undefined} aria-label={t('peopleImport.progress')} />
          <span>
            {stage.kind === 'reading'
              ? t('peopleImport.reading', { percent: stage.percent })
              : stage.kind === 'checking'
                ? t('peopleImport.checking')
                : t('peopleImport.applying', { count: fmt.int(rows) })}
          </span>
        </div>
      )}
      <ProblemList error={error} testId="people-import-problems" />
      {applied && (
        <p className="ok" role="status" data-testid="people-import-done">
          {t('peopleImport.done', { units: applied.unitsCreated + applied.unitsUpdated, users: applied.usersCreated + applied.usersUpdated, created: applied.usersCreated })}
        </p>
      )}
      {preview && <ImportPreview result={preview} />}
    </section>
  );
}

/** What an import would change: the counts, then every row with its action and changed fields. */
export function ImportPreview({ result }: { result: Result }) {
  const { t } = useI18n();
  const changed = (fields: readonly string[]) => fields.map((f) => t(`field.${f}` as never)).join(', ');
  return (
    <div className="import-preview" data-testid="people-import-preview">
      <p role="status">
        {t('peopleImport.summary', { unitsCreated: result.unitsCreated, unitsUpdated: result.unitsUpdated, usersCreated: result.usersCreated, usersUpdated: result.usersUpdated })}
      </p>
      {result.units.length > 0 && (
        <div className="table-scroll">
          <table className="table compact" data-testid="preview-units">
            <caption>{t('sheet.units')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('peopleImport.row')}</th>
                <th scope="col">{t('peopleImport.action')}</th>
                <th scope="col">{t('admin.unitCode')}</th>
                <th scope="col">{t('admin.unitName')}</th>
                <th scope="col">{t('admin.unitKind')}</th>
                <th scope="col">{t('admin.parentUnit')}</th>
              </tr>
            </thead>
            <tbody>
              {result.units.map((u) => (
                <tr key={u.row} className={`action-${u.action.toLowerCase()}`}>
                  <td>{u.row}</td>
                  <td>
                    {t(`importAction.${u.action}`)}
                    {u.changed.length > 0 && <span className="muted small"> ({changed(u.changed)})</span>}
                  </td>
                  <td className="code">{u.code}</td>
                  <td>{u.name}</td>
                  <td>{t(`unitKind.${u.kind}`)}</td>
                  <td className="code">{u.parentCode ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.users.length > 0 && (
        <div className="table-scroll">
          <table className="table compact" data-testid="preview-users">
            <caption>{t('sheet.users')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('peopleImport.row')}</th>
                <th scope="col">{t('peopleImport.action')}</th>
                <th scope="col">{t('signin.email')}</th>
                <th scope="col">{t('admin.userName')}</th>
                <th scope="col">{t('admin.role')}</th>
                <th scope="col">{t('admin.unit')}</th>
              </tr>
            </thead>
            <tbody>
              {result.users.map((u) => (
                <tr key={u.row} className={`action-${u.action.toLowerCase()}`}>
                  <td>{u.row}</td>
                  <td>
                    {t(`importAction.${u.action}`)}
                    {u.changed.length > 0 && <span className="muted small"> ({changed(u.changed)})</span>}
                  </td>
                  <td>{u.email}</td>
                  <td>{u.name}</td>
                  <td>{t(`role.${u.role}`)}</td>
                  <td className="code">{u.unitCode ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
