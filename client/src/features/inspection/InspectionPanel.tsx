import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { errorCode, errorProblems } from '../../app/errors';
import { useI18n } from '../../i18n';
import { problemText } from '../../i18n/problems';
import { useSession } from '../auth/session';
import { downloadEvidence, uploadForm, UploadError } from '../evidence/upload';
import type { AssessmentEvent } from '../live/applyEvent';
import { ProgressBar } from '../progress/ProgressBar';
import { InspectionsQuery, RecordInspectionMutation } from './documents';

interface Leaf {
  id: string;
  code: string;
  title: string;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * On-site inspections (kiểm tra thực tế) of an assessment: the records so far with their photos
 * and, for the council during appraisal, a form: date, place, who was present, findings per
 * criterion, photos and files (uploaded with progress after the record is saved).
 */
export function InspectionPanel({ assessmentId, leaves, editable, lastEvent }: { assessmentId: string; leaves: Leaf[]; editable: boolean; lastEvent: AssessmentEvent | null }) {
  const { t, lang } = useI18n();
  const { token } = useSession();
  const { data, refetch } = useQuery(InspectionsQuery, { variables: { id: assessmentId } });
  const [record, recording] = useMutation(RecordInspectionMutation);
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(today);
  const [place, setPlace] = useState('');
  const [present, setPresent] = useState<Set<string>>(new Set());
  const [findings, setFindings] = useState<{ criterionId: string; text: string }[]>([{ criterionId: '', text: '' }]);
  const [files, setFiles] = useState<File[]>([]);
  const [upload, setUpload] = useState<{ done: number; total: number; share: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (lastEvent?.kinds.includes('INSPECTION')) void refetch();
  }, [lastEvent, refetch]);

  const a = data?.assessment;
  const people = [...(a?.council ?? []).map((m) => m.user), ...(a?.unitPeople ?? [])].filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      const { data: saved } = await record({
        variables: { input: { assessmentId, date, place, memberIds: [...present], findings: findings.filter((f) => f.criterionId || f.text.trim()) } },
      });
      const id = saved!.recordInspection.id;
      for (let i = 0; i < files.length; i++) {
        setUpload({ done: i, total: files.length, share: 0 });
        await uploadForm('/inspection-files', token ?? '', { inspectionId: id }, files[i], (share) => setUpload({ done: i, total: files.length, share }));
      }
      setUpload(null);
      setOpen(false);
      setPlace('');
      setPresent(new Set());
      setFindings([{ criterionId: '', text: '' }]);
      setFiles([]);
      await refetch();
    } catch (err) {
      setUpload(null);
      const code = errorCode(err) ?? (err as { code?: string }).code;
      const problems = err instanceof UploadError ? err.problems : code === 'BAD_USER_INPUT' ? errorProblems(err) : [];
      setProblem(
        problems.length
          ? problems.map((p) => problemText(lang, p)).join(' ')
          : code === 'FORBIDDEN'
            ? t('error.forbidden')
            : code === 'PHASE_CLOSED'
              ? t('inspection.closed')
              : t('error.network'),
      );
      await refetch();
    }
  };

  return (
    <section className="card inspections" aria-labelledby={`insp-${assessmentId}`} data-testid="inspections">
      <h2 id={`insp-${assessmentId}`}>{t('inspection.title')}</h2>
      {(a?.inspections ?? []).length === 0 ? (
        <p className="muted">{t('inspection.none')}</p>
      ) : (
        <ul className="inspection-list">
          {a!.inspections.map((i) => (
            <li key={i.id} data-testid="inspection">
              <p>
                <strong>{i.date}</strong> · {i.place} · <span className="muted">{t('inspection.recordedBy', { name: i.recordedBy.name })}</span>
              </p>
              <p className="small">{t('inspection.present', { names: i.members.map((m) => m.name).join(', ') })}</p>
              <ul>
                {i.findings.map((f, k) => (
                  <li key={k}>
                    <span className="code">{f.code}</span> {f.text}
                  </li>
                ))}
              </ul>
              {i.files.length > 0 && (
                <p className="small">
                  {i.files.map((f) => (
                    <button key={f.id} type="button" className="link" onClick={() => void downloadEvidence(token ?? '', f.url, f.name)}>
                      {f.name}
                    </button>
                  ))}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && !open && (
        <button type="button" onClick={() => setOpen(true)}>
          {t('inspection.add')}
        </button>
      )}
      {editable && open && (
        <form onSubmit={submit} className="inspection-form">
          <div className="field">
            <label htmlFor="insp-date">{t('inspection.date')}</label>
            <input id="insp-date" type="date" value={date} max={today()} onChange={(e) => setDate(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor="insp-place">{t('inspection.place')}</label>
            <input id="insp-place" value={place} onChange={(e) => setPlace(e.target.value)} required />
          </div>
          <fieldset>
            <legend>{t('inspection.members')}</legend>
            {people.map((p) => (
              <label key={p.id} className="check">
                <input
                  type="checkbox"
                  checked={present.has(p.id)}
                  onChange={(e) => {
                    const next = new Set(present);
                    if (e.target.checked) next.add(p.id);
                    else next.delete(p.id);
                    setPresent(next);
                  }}
                />{' '}
                {p.name}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('inspection.findings')}</legend>
            {findings.map((f, i) => (
              <div key={i} className="finding">
                <label htmlFor={`finding-c-${i}`}>{t('inspection.criterion')}</label>
                <select id={`finding-c-${i}`} value={f.criterionId} onChange={(e) => setFindings(findings.map((x, k) => (k === i ? { ...x, criterionId: e.target.value } : x)))}>
                  <option value="">—</option>
                  {leaves.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.code} {c.title}
                    </option>
                  ))}
                </select>
                <label htmlFor={`finding-t-${i}`}>{t('inspection.finding')}</label>
                <textarea id={`finding-t-${i}`} rows={2} value={f.text} onChange={(e) => setFindings(findings.map((x, k) => (k === i ? { ...x, text: e.target.value } : x)))} />
              </div>
            ))}
            <button type="button" onClick={() => setFindings([...findings, { criterionId: '', text: '' }])}>
              {t('inspection.addFinding')}
            </button>
          </fieldset>
          <div className="field">
            <label htmlFor="insp-files">{t('inspection.files')}</label>
            <input id="insp-files" type="file" multiple accept="image/*,.pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.zip,.txt,.csv" onChange={(e) => setFiles([...(e.target.files ?? [])])} />
          </div>
          {upload && (
            <div className="bar-with-text" aria-live="polite">
              <ProgressBar done={Math.round((upload.done + upload.share) * 100)} total={upload.total * 100} />
              <span className="small">{t('inspection.uploading', { done: upload.done + 1, total: upload.total })}</span>
            </div>
          )}
          <div className="editor-actions">
            <button type="submit" className="primary" disabled={recording.loading || !!upload}>
              {t('inspection.save')}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
