import { InMemoryCache } from '@apollo/client';

/**
 * Every cache policy of the client, in one place.
 *
 * Lists that the server always sends whole (an assessment's entries and progress rows, a
 * framework's criteria, a period's assessments) replace what the cache held. Score values and
 * options have no id: they live inside their entry or criterion and are replaced with it.
 */
const replace = { merge: false as const };

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          // an assessment or a framework already in the cache is shown at once while it refetches
          assessment: { read: (existing, { args, toReference }) => existing ?? toReference({ __typename: 'Assessment', id: args?.id }) },
          framework: { read: (existing, { args, toReference }) => existing ?? toReference({ __typename: 'Framework', id: args?.id }) },
          period: { read: (existing, { args, toReference }) => existing ?? toReference({ __typename: 'Period', id: args?.id }) },
          myAssignments: replace,
          units: replace,
          users: replace,
          frameworks: replace,
          periods: replace,
        },
      },
      Assessment: { fields: { entries: replace, progress: replace } },
      Framework: { fields: { criteria: replace, bands: replace } },
      Criterion: { fields: { tierOptions: replace, thresholdOptions: replace } },
      Period: { fields: { assessments: replace } },
      ScoreEntry: { fields: { value: replace, history: replace, round1Value: replace, round2Value: replace } },
      ScoreValue: { keyFields: false },
      TierOption: { keyFields: false },
      ThresholdOption: { keyFields: false },
      Band: { keyFields: false },
    },
  });
}
