import type { ApolloCache } from '@apollo/client';
import type { AssessmentEventsSubscription } from '../../gql/graphql';
import { graphql } from '../../gql';
import { PeriodOfAssessment, ProgressIndexAssessment } from './fragments';

const ActorUser = graphql(`
  fragment ActorUser on User {
    id
    name
  }
`);

/** Generated types leave __typename out; the cache wants it on what we write. */
const withTypename = <T extends object>(__typename: string, data: T): T => ({ __typename, ...data }) as T;

export type AssessmentEvent = AssessmentEventsSubscription['assessmentEvents'];

/**
 * Writes one live event into the cache: the changed entries (by id), the changed progress rows
 * (matched by criterion to the rows the cache holds) and the assessment's seq, status and total.
 * Every view that shows them re-renders; nothing is fetched.
 */
export function applyEvent(cache: ApolloCache, ev: AssessmentEvent): void {
  const selfSaved = ev.kinds.includes('SCORE_SAVED') && !ev.kinds.includes('APPRAISED') && !ev.kinds.includes('EXPLAINED');
  const assessmentRef = cache.identify({ __typename: 'Assessment', id: ev.assessmentId });
  cache.batch({
    update(c) {
      c.writeFragment({
        id: c.identify({ __typename: 'User', id: ev.actor.id }),
        fragment: ActorUser,
        data: withTypename('User', { id: ev.actor.id, name: ev.actor.name }),
      });
      for (const e of ev.entries) {
        c.modify({
          id: c.identify({ __typename: 'ScoreEntry', id: e.id }),
          fields: {
            version: () => e.version,
            value: () => (e.value ? { ...e.value, __typename: 'ScoreValue' } : null),
            selfScore: () => e.selfScore ?? null,
            state: () => e.state,
            comment: () => e.comment ?? null,
            notApplicable: () => e.notApplicable,
            updatedAt: () => e.updatedAt,
            round1Score: () => e.round1Score ?? null,
            round1Comment: () => e.round1Comment ?? null,
            round2Score: () => e.round2Score ?? null,
            round2Comment: () => e.round2Comment ?? null,
            explanation: () => e.explanation ?? null,
            finalScore: () => e.finalScore ?? null,
            updatedBy: (existing, { toReference }) =>
              e.updatedById && e.updatedById === ev.actor.id ? (toReference({ __typename: 'User', id: e.updatedById }) ?? existing) : existing,
            // a self save (a person's, or a pushed statistic's with no person) names the self round's author
            ...(selfSaved
              ? {
                  selfUpdatedBy: (existing, { toReference }) => (e.updatedById ? (toReference({ __typename: 'User', id: e.updatedById }) ?? existing) : null),
                  selfUpdatedAt: () => e.updatedAt,
                }
              : {}),
          },
        });
      }
      if (ev.progress.length && assessmentRef) {
        const index = c.readFragment({ id: assessmentRef, fragment: ProgressIndexAssessment });
        const byCriterion = new Map((index?.progress ?? []).map((p) => [p.criterionId, p.id]));
        for (const p of ev.progress) {
          const id = byCriterion.get(p.criterionId);
          if (!id) continue;
          c.modify({
            id: c.identify({ __typename: 'Progress', id }),
            fields: {
              selfTotal: () => p.selfTotal,
              maxScore: () => p.maxScore,
              leaves: () => p.leaves,
              leavesScored: () => p.leavesScored,
              leavesWithEvidence: () => p.leavesWithEvidence,
              leavesAppraised: () => p.leavesAppraised,
              appraisedTotal: () => p.appraisedTotal,
              pendingMaxScore: () => p.pendingMaxScore,
            },
          });
        }
      }
      if (assessmentRef && ev.phase) {
        // the period moved: every view of it (the workspace's controls among them) follows at once
        const periodId = c.readFragment({ id: assessmentRef, fragment: PeriodOfAssessment })?.period.id;
        if (periodId) c.modify({ id: c.identify({ __typename: 'Period', id: periodId }), fields: { phase: () => ev.phase } });
      }
      if (assessmentRef) {
        c.modify({
          id: assessmentRef,
          fields: {
            seq: () => ev.seq,
            status: () => ev.status,
            selfTotal: () => ev.selfTotal,
            appraisedTotal: () => ev.appraisedTotal ?? null,
            pendingMaxScore: () => ev.pendingMaxScore,
          },
        });
      }
    },
  });
}
