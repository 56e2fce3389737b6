import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { ComputeResultsMutation, PublishResultsMutation } from './documents';

/** Computes the period's results; the ranking on screen is fetched again. */
export function useComputeResultsMutation() {
  const [mutate, state] = useMutation(ComputeResultsMutation);
  return [useCallback((periodId: string) => mutate({ variables: { periodId }, refetchQueries: ['Results'], awaitRefetchQueries: true }), [mutate]), state] as const;
}

/** Publishes the results of a FINALIZED period (its phase changes in place). */
export function usePublishResultsMutation() {
  const [mutate, state] = useMutation(PublishResultsMutation);
  return [
    useCallback(
      (periodId: string, acknowledged = false) =>
        mutate({ variables: { periodId, acknowledgeIncomplete: acknowledged }, refetchQueries: ['Results'], awaitRefetchQueries: true }),
      [mutate],
    ),
    state,
  ] as const;
}
