import { useQuery } from '@apollo/client/react';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { errorCode, errorProblems, type Problem } from '../../app/errors';
import { PageError, PageLoading } from '../../app/PageState';
import { Link, navigate } from '../../app/router';
import { useI18n } from '../../i18n';
import { problemText, problemWhere } from '../../i18n/problems';
import { useUser } from '../auth/session';
import { FrameworksQuery } from './documents';
import { useImportFrameworkMutation, useImportFrameworkSheetMutation } from './hooks';
import type { UnitKind } from '../../gql/graphql';

/** Frameworks (bộ tiêu chí): the list, and importing a new one from its JSON document. */
export function FrameworksPage() {
  const { t, fmt } = useI18n();
  const user = useUser();
  const { data, error } = useQuery(FrameworksQuery);
  if (error && !data) return <PageError error={error} />;
  if (!data) return <PageLoading />;
  return (
    <main aria-labelledby="fw-title">
      <header className="page-head">
        <h1 id="fw-title">{t('frameworks.title')}</h1>
      </header>
      {user.role === 'ADMIN' && <ImportForm />}
      {user.role === 'ADMIN' && <SheetImportForm />}
      <table className="table card">
        <thead>
          <tr>
            <th scope="col">{t('frameworks.code')}</th>
            <th scope="col">{t('frameworks.name')}</th>
            <th scope="col">{t('frameworks.unitKind')}</th>
            <th scope="col" className="num">{t('frameworks.max')}</th>
            <th scope="col">{t('frameworks.status')}</th>
          </tr>
        </thead>
        <tbody>
          {data.frameworks.map((f) => (
            <tr key={f.id}>
              <td className="code">
                {f.code} <span className="muted">v{f.version}</span>
              </td>
              <td>
                <Link to={`/frameworks/${f.id}`}>{f.name}</Link> <span className="muted">({f.year})</span>
              </td>
              <td>{t(`unitKind.${f.unitKind}`)}</td>
              <td className="num">{fmt.score(f.maxScore)}</td>
              <td>
                <span className={`fw-status fw-${f.status}`}>{t(`frameworkStatus.${f.status}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

function ImportForm() {
  const { t, lang } = useI18n();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const [importDoc, { loading, error, reset }] = useImportFrameworkMutation();

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
    setParseError(null);
    reset();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      setParseError(t('import.notJson', { message: (err as Error).message }));
      return;
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
      setParseError(t('import.notObject'));
      return;
    }
    setParseError(null);
    try {
      const { data } = await importDoc(doc as Record<string, unknown>);
      if (data) navigate(`/frameworks/${data.importFramework.id}`);
    } catch {
      /* shown below */
    }
  };

  const problems: Problem[] = error && errorCode(error) === 'BAD_USER_INPUT' ? errorProblems(error) : [];
  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby="import-title">
      <h2 id="import-title">{t('import.title')}</h2>
      <p className="muted">{t('import.explain')}</p>
      <div className="field">
        <label htmlFor="import-file">{t('import.file')}</label>
        <input id="import-file" type="file" accept=".json,application/json" onChange={onFile} />
        {fileName && <p className="hint">{fileName}</p>}
      </div>
      <div className="field wide">
        <label htmlFor="import-text">{t('import.text')}</label>
        <textarea id="import-text" rows={8} value={text} onChange={(e) => { setText(e.target.value); setParseError(null); }} spellCheck={false} className="mono" />
      </div>
      {parseError && <p className="problem" role="alert">{parseError}</p>}
      {problems.length > 0 && (
        <div role="alert" className="import-problems">
          <p className="problem">{t('import.problems', { count: problems.length })}</p>
          <table className="table compact" data-testid="import-problems">
            <thead>
              <tr>
                <th scope="col">{t('import.where')}</th>
                <th scope="col">{t('import.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={i}>
                  <td className="code">{problemWhere(lang, p) || '–'}</td>
                  <td>{problemText(lang, p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {error && problems.length === 0 && <p className="problem" role="alert">{t('error.network')}</p>}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={loading || !text.trim()}>
          {t('import.submit')}
        </button>
      </div>
    </form>
  );
}

/** "A=90; B=80; C=65; D=0" → bands; null when it does not read. */
export function parseBands(text: string): { label: string; minPercent: number }[] | null {
  const parts = text.split(/[;\n]+/).map((p) => p.trim()).filter(Boolean);
  const bands = parts.map((p) => {
    const m = /^(.+?)\s*=\s*(\d+(?:[.,]\d+)?)$/.exec(p);
    return m ? { label: m[1].trim(), minPercent: Number(m[2].replace(',', '.')) } : null;
  });
  return bands.length && bands.every(Boolean) ? (bands as { label: string; minPercent: number }[]) : null;
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Importing from a spreadsheet (XLSX or CSV): the columns hold the criteria, the form the rest. */
function SheetImportForm() {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [unitKind, setUnitKind] = useState<UnitKind>('DISTRICT');
  const [bands, setBands] = useState('A=90; B=80; C=65; D=0');
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const [importSheet, { loading, error }] = useImportFrameworkSheetMutation();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseBands(bands);
    if (!file) return;
    if (!parsed) {
      setLocalProblem(t('import.badBands'));
      return;
    }
    setLocalProblem(null);
    try {
      const format = /\.csv$/i.test(file.name) ? 'CSV' : 'XLSX';
      const { data } = await importSheet({ code: code.trim(), name: name.trim(), year: Number(year), unitKind, bands: parsed, format, fileBase64: await base64Of(file) });
      if (data) navigate(`/frameworks/${data.importFrameworkSheet.id}`);
    } catch {
      /* shown below */
    }
  };

  const problems: Problem[] = error && errorCode(error) === 'BAD_USER_INPUT' ? errorProblems(error) : [];
  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby="sheet-title">
      <h2 id="sheet-title">{t('import.sheetTitle')}</h2>
      <p className="muted">{t('import.sheetExplain')}</p>
      <div className="field">
        <label htmlFor="sheet-file">{t('import.sheetFile')}</label>
        <input id="sheet-file" type="file" accept=".xlsx,.csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
      </div>
      <div className="field">
        <label htmlFor="sheet-code">{t('frameworks.code')}</label>
        <input id="sheet-code" type="text" value={code} onChange={(e) => setCode(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="sheet-name">{t('frameworks.name')}</label>
        <input id="sheet-name" type="text" value={name} onChange={(e) => setName(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="sheet-year">{t('periods.year')}</label>
        <input id="sheet-year" type="number" value={year} onChange={(e) => setYear(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="sheet-kind">{t('frameworks.unitKind')}</label>
        <select id="sheet-kind" value={unitKind} onChange={(e) => setUnitKind(e.target.value as UnitKind)}>
          {(['DEPARTMENT', 'DISTRICT', 'COMMUNE', 'OTHER'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`unitKind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="sheet-bands">{t('frameworks.bands')}</label>
        <input id="sheet-bands" type="text" value={bands} onChange={(e) => setBands(e.target.value)} />
      </div>
      {localProblem && <p className="problem" role="alert">{localProblem}</p>}
      {problems.length > 0 && (
        <div role="alert" className="import-problems">
          <p className="problem">{t('import.problems', { count: problems.length })}</p>
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">{t('import.row')}</th>
                <th scope="col">{t('import.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={i}>
                  <td className="code">{problemWhere(lang, p) || '–'}</td>
                  <td>{problemText(lang, p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {error && problems.length === 0 && <p className="problem" role="alert">{t('error.network')}</p>}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={loading || !file}>
          {t('import.submit')}
        </button>
      </div>
    </form>
  );
}
