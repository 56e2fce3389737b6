import { useApolloClient } from '@apollo/client/react';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { useRef, useState, type ChangeEvent } from 'react';
import { errorCode } from '../../app/errors';
import type { EvidencePanel_EntryFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { problemText } from '../../i18n/problems';
import { useSession } from '../auth/session';
import { EntryEvidenceQuery } from './documents';
import { useAttachEvidenceLinkMutation, useRemoveEvidenceMutation } from './hooks';
import { downloadEvidence, uploadEvidence, UploadError } from './upload';

export interface EvidencePanelProps {
  assessmentId: string;
  criterionId: string;
  entry: EvidencePanel_EntryFragment;
  required: boolean;
  editable: boolean;
  /** the entry's version moved from `previous` to `next` by this person's own change */
  onVersionMoved?(previous: number, next: number): void;
}

type Upload = { key: number; name: string; share: number; error?: string };

/**
 * Evidence of one leaf (tài liệu kiểm chứng): the files and links attached, uploading files with
 * a progress bar each (POST /evidence), attaching a link, removing, downloading.
 */
export function EvidencePanel({ assessmentId, criterionId, entry, required, editable, onVersionMoved }: EvidencePanelProps) {
  const { t, fmt, lang } = useI18n();
  const { token } = useSession();
  const client = useApolloClient();
  const input = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [attach, attaching] = useAttachEvidenceLinkMutation();
  const [remove] = useRemoveEvidenceMutation();
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const count = useRef(0);

  const refreshEntry = async (previous: number, next: { version: number; evidenceCount: number }) => {
    client.cache.modify({
      id: client.cache.identify({ __typename: 'ScoreEntry', id: entry.id }),
      fields: { version: (v: number) => Math.max(v, next.version), evidenceCount: () => next.evidenceCount },
    });
    onVersionMoved?.(previous, next.version);
    const { data } = await client.query({ query: EntryEvidenceQuery, variables: { assessmentId, criterionId }, fetchPolicy: 'network-only' });
    if (data) {
      client.cache.modify({
        id: client.cache.identify({ __typename: 'ScoreEntry', id: entry.id }),
        fields: { evidence: (_existing, { toReference }) => data.assessment.evidence.map((e) => toReference({ __typename: 'Evidence', id: e.id })!) },
      });
    }
  };

  const onFiles = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    for (const file of files) {
      const key = ++count.current;
      setUploads((u) => [...u, { key, name: file.name, share: 0 }]);
      const set = (patch: Partial<Upload>) => setUploads((u) => u.map((x) => (x.key === key ? { ...x, ...patch } : x)));
      const previous = entry.version;
      try {
        const done = await uploadEvidence({ token: token ?? '', assessmentId, criterionId, file }, (share) => set({ share }));
        await refreshEntry(previous, done.entry);
        setUploads((u) => u.filter((x) => x.key !== key));
      } catch (err) {
        const code = err instanceof UploadError ? err.code : '';
        const status = err instanceof UploadError ? err.status : 0;
        const problems = err instanceof UploadError ? err.problems : [];
        set({
          error: problems.length
            ? problems.map((p) => problemText(lang, p)).join(' ')
            : status === 413
              ? t('evidence.tooLarge')
              : status === 415
                ? t('evidence.badType')
                : code === 'PHASE_CLOSED'
                  ? t('save.phaseClosed')
                  : code === 'FORBIDDEN'
                    ? t('evidence.forbidden')
                    : t('error.network'),
        });
      }
    }
  };

  const onLink = async (e?: { preventDefault(): void }) => {
    e?.preventDefault();
    setProblem(null);
    const previous = entry.version;
    try {
      const { data } = await attach({ assessmentId, criterionId, url: url.trim(), title: title.trim() || null });
      if (data) onVersionMoved?.(previous, data.attachEvidenceLink.entry.version);
      setUrl('');
      setTitle('');
    } catch (err) {
      setProblem(errorCode(err) === 'BAD_USER_INPUT' ? t('evidence.badUrl') : errorCode(err) === 'PHASE_CLOSED' ? t('save.phaseClosed') : t('error.network'));
    }
  };

  const onRemove = async (id: string) => {
    const previous = entry.version;
    try {
      const { data } = await remove(id);
      if (data) onVersionMoved?.(previous, data.removeEvidence.version);
    } catch {
      setProblem(t('error.network'));
    }
  };

  return (
    <section className="evidence" aria-labelledby={`evidence-${entry.id}`}>
      <h3 id={`evidence-${entry.id}`}>
        {t('evidence.title')} <span className="muted">({fmt.int(entry.evidenceCount)})</span>
      </h3>
      {required && entry.evidenceCount === 0 && <p className="notice">{t('evidence.requiredMissing')}</p>}
      <ConfirmDialog
        open={removing !== null}
        title={t('confirm.evidence.title')}
        confirmLabel={t('confirm.evidence.confirm')}
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const id = removing!.id;
          setRemoving(null);
          void onRemove(id);
        }}
      >
        <p>{t('confirm.evidence.body', { name: removing?.name ?? '' })}</p>
      </ConfirmDialog>
      {entry.evidence.length > 0 && (
        <ul className="evidence-list" data-testid="evidence-list">
          {entry.evidence.map((ev) => (
            <li key={ev.id}>
              {ev.kind === 'FILE' && ev.downloadUrl ? (
                <button type="button" className="link" onClick={() => void downloadEvidence(token ?? '', ev.downloadUrl!, ev.name).catch(() => setProblem(t('error.network')))}>
                  {ev.name}
                </button>
              ) : (
                <a href={ev.url ?? '#'} target="_blank" rel="noopener noreferrer">
                  {ev.name}
                </a>
              )}
              <span className="muted small">
                {ev.kind === 'FILE' && ev.size !== null ? ` · ${fmt.bytes(ev.size)}` : ` · ${t('evidence.link')}`}
                {ev.uploadedBy ? ` · ${ev.uploadedBy.name}` : ''} · {fmt.dateTime(ev.createdAt)}
              </span>
              {editable && (
                <button type="button" className="link danger" onClick={() => setRemoving({ id: ev.id, name: ev.name })} aria-label={t('evidence.removeWhat', { name: ev.name })}>
                  {t('evidence.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {uploads.length > 0 && (
        <ul className="uploads">
          {uploads.map((u) => (
            <li key={u.key} data-testid={u.error ? 'upload-failed' : undefined}>
              <span>{u.name}</span>
              {u.error ? (
                <>
                  <span className="problem" role="alert">
                    {u.error}
                  </span>
                  <button type="button" onClick={() => setUploads((list) => list.filter((x) => x.key !== u.key))} aria-label={t('evidence.dismissWhat', { name: u.name })}>
                    {t('evidence.dismiss')}
                  </button>
                </>
              ) : (
                <progress max={1} value={u.share} aria-label={t('evidence.uploading', { name: u.name, percent: fmt.percent(u.share, 0) })} />
              )}
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      {editable && (
        <div className="evidence-actions">
          <input ref={input} type="file" multiple hidden onChange={onFiles} data-testid="evidence-file" />
          <button type="button" onClick={() => input.current?.click()}>
            {t('evidence.upload')}
          </button>
          <div className="evidence-link" role="group" aria-label={t('evidence.addLink')}>
            <label htmlFor={`ev-url-${entry.id}`} className="sr-only">
              {t('evidence.url')}
            </label>
            <input id={`ev-url-${entry.id}`} type="url" placeholder="https://…" value={url} onChange={(e) => setUrl(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), void onLink(e))} />
            <label htmlFor={`ev-title-${entry.id}`} className="sr-only">
              {t('evidence.linkTitle')}
            </label>
            <input
              id={`ev-title-${entry.id}`}
              type="text"
              placeholder={t('evidence.linkTitle')}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), url.trim() && void onLink(e))}
            />
            <button type="button" disabled={!url.trim() || attaching.loading} onClick={(e) => void onLink(e)}>
              {t('evidence.addLink')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
