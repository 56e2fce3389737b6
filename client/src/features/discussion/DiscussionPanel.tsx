import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { errorCode, errorProblems } from '../../app/errors';
import type { CommentKind } from '../../gql/graphql';

const KINDS: CommentKind[] = ['QUESTION', 'ANSWER', 'NOTE'] as CommentKind[];
import { useI18n } from '../../i18n';
import { useUser } from '../auth/session';
import type { AssessmentEvent } from '../live/applyEvent';
import { DiscussionQuery, EditCommentMutation, PostCommentMutation, ResolveThreadMutation } from './documents';

/**
 * One score entry's discussion between the unit and its council: the comments (question,
 * answer, note; @mentions; edits kept), a form to add one, resolving the thread. Follows the
 * assessment's live DISCUSSION events.
 */
export function DiscussionPanel({ assessmentId, criterionId, lastEvent, canPost }: { assessmentId: string; criterionId: string; lastEvent: AssessmentEvent | null; canPost: boolean }) {
  const { t, fmt } = useI18n();
  const me = useUser();
  const { data, refetch } = useQuery(DiscussionQuery, { variables: { id: assessmentId, criterionId } });
  const [post, posting] = useMutation(PostCommentMutation);
  const [edit] = useMutation(EditCommentMutation);
  const [resolve, resolving] = useMutation(ResolveThreadMutation);
  const [body, setBody] = useState('');
  const [kind, setKind] = useState<CommentKind>(KINDS[0]);
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (lastEvent?.kinds.includes('DISCUSSION')) void refetch();
  }, [lastEvent, refetch]);

  const a = data?.assessment;
  const thread = data?.discussion ?? null;
  const people = [...(a?.unitPeople ?? []), ...(a?.council ?? []).map((m) => m.user)].filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i && p.id !== me.id);

  const explain = (err: unknown) => {
    const code = errorCode(err);
    setProblem(code === 'BAD_USER_INPUT' ? errorProblems(err).map((p) => p.message).join('; ') : code === 'FORBIDDEN' ? t('error.forbidden') : code === 'PHASE_CLOSED' ? t('discussion.closed') : t('error.network'));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setProblem(null);
    try {
      await post({ variables: { input: { assessmentId, criterionId, body, kind } } });
      setBody('');
      await refetch();
    } catch (err) {
      explain(err);
    }
  };

  return (
    <section className="card discussion" aria-labelledby={`disc-${criterionId}`} data-testid="discussion">
      <h3 id={`disc-${criterionId}`}>
        {t('discussion.title')} {thread?.resolved && <span className="badge ok">{t('discussion.resolved')}</span>}
      </h3>
      {!thread || thread.comments.length === 0 ? (
        <p className="muted">{t('discussion.empty')}</p>
      ) : (
        <ol className="comments">
          {thread.comments.map((c) => (
            <li key={c.id} className={`comment ${c.kind.toLowerCase()}`}>
              <p className="muted small">
                <strong>{c.author.name}</strong> · {t(`discussion.kind.${c.kind}`)} · {fmt.dateTime(c.createdAt)}
                {c.editedAt && ` · ${t('discussion.edited')}`}
              </p>
              {editing?.id === c.id ? (
                <form
                  onSubmit={async (e) => {
                    e.preventDefault();
                    try {
                      await edit({ variables: { id: c.id, body: editing.body } });
                      setEditing(null);
                      await refetch();
                    } catch (err) {
                      explain(err);
                    }
                  }}
                >
                  <label className="sr-only" htmlFor={`edit-${c.id}`}>{t('discussion.edit')}</label>
                  <textarea id={`edit-${c.id}`} rows={3} value={editing.body} onChange={(e) => setEditing({ id: c.id, body: e.target.value })} />
                  <button type="submit" className="primary">{t('save.button')}</button>
                  <button type="button" onClick={() => setEditing(null)}>{t('common.cancel')}</button>
                </form>
              ) : (
                <p className="comment-body">{c.body}</p>
              )}
              {c.mentions.length > 0 && <p className="muted small">{t('discussion.mentions', { names: c.mentions.map((m) => m.name).join(', ') })}</p>}
              {c.edits.length > 0 && (
                <details>
                  <summary className="small">{t('discussion.history', { n: c.edits.length })}</summary>
                  <ul>
                    {c.edits.map((h, i) => (
                      <li key={i} className="small">
                        <span className="muted">{fmt.dateTime(h.replacedAt)}</span> {h.body}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
              {canPost && c.author.id === me.id && editing?.id !== c.id && (
                <button type="button" className="link" onClick={() => setEditing({ id: c.id, body: c.body })}>
                  {t('discussion.edit')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {canPost && (
        <form onSubmit={submit} className="comment-form">
          <div className="field">
            <label htmlFor={`kind-${criterionId}`}>{t('discussion.kind')}</label>
            <select id={`kind-${criterionId}`} value={kind} onChange={(e) => setKind(e.target.value as CommentKind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`discussion.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`body-${criterionId}`}>{t('discussion.body')}</label>
            <textarea id={`body-${criterionId}`} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
          </div>
          {people.length > 0 && (
            <div className="field">
              <label htmlFor={`mention-${criterionId}`}>{t('discussion.mention')}</label>
              <select
                id={`mention-${criterionId}`}
                value=""
                onChange={(e) => {
                  if (e.target.value) setBody((b) => `${b}${b && !b.endsWith(' ') ? ' ' : ''}@${e.target.value} `);
                }}
              >
                <option value="">—</option>
                {people.map((p) => (
                  <option key={p.id} value={p.email}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="editor-actions">
            <button type="submit" className="primary" disabled={posting.loading || !body.trim()}>
              {t('discussion.post')}
            </button>
            {thread && (
              <button
                type="button"
                disabled={resolving.loading}
                onClick={async () => {
                  try {
                    await resolve({ variables: { assessmentId, criterionId, resolved: !thread.resolved } });
                    await refetch();
                  } catch (err) {
                    explain(err);
                  }
                }}
              >
                {thread.resolved ? t('discussion.reopen') : t('discussion.resolve')}
              </button>
            )}
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
