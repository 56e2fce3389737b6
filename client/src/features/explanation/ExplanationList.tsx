import { useQuery } from '@apollo/client/react';
import type { EntryEditor_EntryFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { ExplanationItemsQuery } from './documents';

/**
 * The explanation round, for the unit: every criterion the council commented on or scored below
 * the self score, with its comment and the points at stake, and whether it is answered yet (from
 * the live entries). Picking one opens it beside the list, where the unit answers and attaches
 * evidence (ExplanationPanel, EvidencePanel).
 */
export function ExplanationList({ assessmentId, entries, selectedId, onSelect }: {
  assessmentId: string;
  /** the workspace's live entries by criterion: answers and evidence as they are now */
  entries: ReadonlyMap<string, EntryEditor_EntryFragment>;
  selectedId: string | null;
  onSelect(criterionId: string): void;
}) {
  const { t, fmt } = useI18n();
  const { data } = useQuery(ExplanationItemsQuery, { variables: { id: assessmentId } });
  const items = data?.assessment.explanationItems;
  if (!items) return null;
  const atStake = items.reduce((s, i) => s + i.pointsAtStake, 0);
  return (
    <section className="card explain-list" aria-labelledby="explain-title" data-testid="explanation-items">
      <h2 id="explain-title">{t('explain.title')}</h2>
      {items.length ? (
        <>
          <p>{t('explain.intro', { count: fmt.int(items.length), points: fmt.score(atStake) })}</p>
          <ol>
            {items.map((i) => {
              const e = entries.get(i.criterionId);
              const answered = !!e?.explanation;
              return (
                <li key={i.entryId}>
                  <button
                    type="button"
                    className="explain-item"
                    aria-current={i.criterionId === selectedId ? 'true' : undefined}
                    aria-label={t('explain.open', { code: i.code })}
                    data-testid={`explain-${i.code}`}
                    onClick={() => onSelect(i.criterionId)}
                  >
                    <span className="code">{i.code}</span>
                    <span>
                      {i.title} · <span className="muted">{t('explain.scores', { self: fmt.score(i.selfScore), appraised: fmt.score(i.appraisedScore) })}</span>
                    </span>
                    <strong>{t('explain.atStake', { points: fmt.score(i.pointsAtStake) })}</strong>
                    {i.councilComment && <p className="quote explain-comment">{i.councilComment}</p>}
                    <span className={`save-state ${answered ? 'saved' : 'dirty'}`} data-testid={`explain-state-${i.code}`}>
                      {answered ? t('explain.answered') : t('explain.notAnswered')}
                    </span>
                    <span className="muted">{t('explain.evidence', { count: fmt.int(e?.evidenceCount ?? 0) })}</span>
                  </button>
                </li>
              );
            })}
          </ol>
        </>
      ) : (
        <p className="muted">{t('explain.none')}</p>
      )}
    </section>
  );
}
