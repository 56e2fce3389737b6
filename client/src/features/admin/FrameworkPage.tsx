import { useQuery } from '@apollo/client/react';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { useMemo, useState } from 'react';
import { errorCode } from '../../app/errors';
import { PageError, PageLoading } from '../../app/PageState';
import { Link } from '../../app/router';
import type { FrameworkTree_CriterionFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { errorCodeText } from '../../i18n/problems';
import { useSession, useUser } from '../auth/session';
import { downloadFile } from '../../app/download';
import { buildTree, type TreeNode } from '../progress/tree';
import { FrameworkDetailQuery } from './documents';
import { usePublishFrameworkMutation } from './hooks';

/** One framework: its bands and the whole criteria tree with each leaf's method; ADMIN publishes drafts. */
export function FrameworkPage({ frameworkId }: { frameworkId: string }) {
  const { t, fmt, lang } = useI18n();
  const user = useUser();
  const { token } = useSession();
  const { data, error } = useQuery(FrameworkDetailQuery, { variables: { id: frameworkId } });
  const [publish, publishing] = usePublishFrameworkMutation();
  const [asking, setAsking] = useState(false);
  const f = data?.framework;
  const roots = useMemo(() => buildTree(f?.criteria ?? []), [f?.criteria]);
  if (error && !f) return <PageError error={error} />;
  if (!f) return <PageLoading />;
  const leaves = f.criteria.filter((c) => c.isLeaf).length;
  return (
    <main aria-labelledby="fwd-title">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link to="/frameworks">{t('nav.frameworks')}</Link>
          </p>
          <h1 id="fwd-title">{f.name}</h1>
          <p className="muted">
            {f.code} v{f.version} · {t(`unitKind.${f.unitKind}`)} · {f.year} · {t('frameworks.summary', { max: fmt.score(f.maxScore), leaves: fmt.int(leaves) })} ·{' '}
            {t(`naMode.${f.notApplicable}`)}
          </p>
        </div>
        <div className="head-side">
          <button type="button" onClick={() => void downloadFile(token ?? '', `/export/framework/${f.id}.xlsx`, `${f.code}-v${f.version}.xlsx`).catch(() => undefined)}>
            {t('frameworks.downloadXlsx')}
          </button>
          <button type="button" onClick={() => void downloadFile(token ?? '', `/export/framework/${f.id}.json`, `${f.code}-v${f.version}.json`).catch(() => undefined)}>
            {t('frameworks.downloadJson')}
          </button>
          <span className={`fw-status fw-${f.status}`} data-testid="framework-status">{t(`frameworkStatus.${f.status}`)}</span>
          {user.role === 'ADMIN' && f.status === 'DRAFT' && (
            <button type="button" className="primary" disabled={publishing.loading} onClick={() => setAsking(true)}>
              {t('frameworks.publish')}
            </button>
          )}
          <ConfirmDialog
            open={asking}
            title={t('confirm.framework.title')}
            confirmLabel={t('confirm.framework.confirm')}
            busy={publishing.loading}
            onCancel={() => setAsking(false)}
            onConfirm={() => {
              setAsking(false);
              void publish(f.id).catch(() => undefined);
            }}
          >
            <p>{t('confirm.framework.body', { name: f.name })}</p>
          </ConfirmDialog>
        </div>
      </header>
      {publishing.error && <p className="problem" role="alert">{errorCode(publishing.error) === 'PHASE_CLOSED' ? t('frameworks.publishRefused') : errorCodeText(lang, errorCode(publishing.error))}</p>}
      <section className="card" aria-labelledby="bands-title">
        <h2 id="bands-title">{t('frameworks.bands')}</h2>
        <ul className="bands">
          {f.bands.map((b) => (
            <li key={b.label}>
              <strong>{b.label}</strong> ≥ {fmt.percent(b.minPercent / 100, 2)}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="crit-title">
        <h2 id="crit-title">{t('frameworks.criteria')}</h2>
        <FrameworkTree nodes={roots} />
      </section>
    </main>
  );
}

function FrameworkTree({ nodes }: { nodes: TreeNode<FrameworkTree_CriterionFragment>[] }) {
  const { t, fmt } = useI18n();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const render = (list: TreeNode<FrameworkTree_CriterionFragment>[]) => (
    <ul className="fw-tree">
      {list.map(({ criterion: c, children }) => (
        <li key={c.id}>
          <div className={`fw-row${c.isLeaf ? ' leaf' : ''}`}>
            <span className="code">{c.code}</span>
            <span className="title">
              {c.title}
              {c.isLeaf && (
                <span className="muted small">
                  {' '}
                  · {t(`method.${c.method ?? 'MANUAL'}`)}
                  {c.method === 'MANUAL' && c.step ? ` (${t('frameworks.step', { step: fmt.score(c.step) })})` : ''}
                  {c.tierOptions?.length ? `: ${c.tierOptions.map((o) => `${o.label} ${fmt.percent(o.share, 0)}`).join(' / ')}` : ''}
                  {c.thresholdOptions?.length ? `: ${c.thresholdOptions.map((o) => `≥ ${fmt.percent(o.minPercent / 100, 2)} → ${o.ratio ? t('frameworks.rate') : fmt.percent(o.share ?? 0, 0)}`).join(' / ')}` : ''}
                  {c.evidenceRequired ? ` · ${t('editor.evidenceRequired')}` : ''}
                  {c.allowNotApplicable ? ` · ${t('frameworks.naAllowed')}` : ''}
                </span>
              )}
              {c.guidance && (
                <>
                  {' '}
                  <button type="button" className="link" aria-expanded={open.has(c.id)} onClick={() => setOpen((s) => { const n = new Set(s); if (n.has(c.id)) n.delete(c.id); else n.add(c.id); return n; })}>
                    {t('editor.guidance')}
                  </button>
                </>
              )}
              {open.has(c.id) && <span className="guidance-inline">{c.guidance}</span>}
            </span>
            <span className="num">{fmt.score(c.maxScore)}</span>
          </div>
          {children.length > 0 && render(children)}
        </li>
      ))}
    </ul>
  );
  return render(nodes);
}
