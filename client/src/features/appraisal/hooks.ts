import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import type { SaveAppraisalInput, SaveExplanationInput } from '../../gql/graphql';
import { FinalizeAssessmentMutation, ReturnForExplanationMutation, SaveAppraisalMutation, SaveExplanationMutation } from './documents';

/** Records this round's appraised score; entry and progress rows are normalized in place. */
export function useSaveAppraisalMutation() {
  const [mutate, state] = useMutation(SaveAppraisalMutation);
  const save = useCallback(
    (input: SaveAppraisalInput) =>
      mutate({
        variables: { input },
        update(cache, { data }) {
          if (!data) return;
          cache.modify({
            id: cache.identify({ __typename: 'Assessment', id: input.assessmentId }),
            fields: { seq: (existing: number) => Math.max(existing ?? 0, data.saveAppraisal.seq) },
          });
        },
      }),
    [mutate],
  );
  return [save, state] as const;
}

/** Sends the assessment back to its unit for explanation (status RETURNED, in place). */
export function useReturnForExplanationMutation() {
  const [mutate, state] = useMutation(ReturnForExplanationMutation);
  return [useCallback((id: string) => mutate({ variables: { id } }), [mutate]), state] as const;
}

/** Fixes the final scores (status FINAL and every entry's finalScore, in place). */
export function useFinalizeAssessmentMutation() {
  const [mutate, state] = useMutation(FinalizeAssessmentMutation);
  return [useCallback((id: string) => mutate({ variables: { id } }), [mutate]), state] as const;
}

/** The unit's answer to the appraisal of one leaf (EXPLANATION phase). */
export function useSaveExplanationMutation() {
  const [mutate, state] = useMutation(SaveExplanationMutation);
  return [useCallback((input: SaveExplanationInput) => mutate({ variables: { input } }), [mutate]), state] as const;
}
