import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import type { SaveSelfScoreInput } from '../../gql/graphql';
import { SaveSelfScoreMutation } from './documents';

/**
 * Saves a self score. The returned entry and progress rows are normalized by id, so every view
 * of them updates; the assessment's seq moves forward with the save (never back).
 */
export function useSaveSelfScoreMutation() {
  const [mutate, state] = useMutation(SaveSelfScoreMutation);
  const save = useCallback(
    (input: SaveSelfScoreInput) =>
      mutate({
        variables: { input },
        update(cache, { data }) {
          if (!data) return;
          cache.modify({
            id: cache.identify({ __typename: 'Assessment', id: input.assessmentId }),
            fields: { seq: (existing: number) => Math.max(existing ?? 0, data.saveSelfScore.seq) },
          });
        },
      }),
    [mutate],
  );
  return [save, state] as const;
}
