import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import type { CreatePeriodInput, Phase, UpdatePeriodInput } from '../../gql/graphql';
import { CreatePeriodMutation, PeriodMonitorQuery, SetPeriodPhaseMutation, UpdatePeriodMutation } from './documents';

/** Creates a period; it joins the cached list of periods at once. */
export function useCreatePeriodMutation() {
  const [mutate, state] = useMutation(CreatePeriodMutation);
  const create = useCallback(
    (input: CreatePeriodInput) =>
      mutate({
        variables: { input },
        update(cache, { data }) {
          if (!data) return;
          const ref = cache.identify(data.createPeriod);
          cache.modify({
            fields: {
              periods: (existing: readonly { __ref: string }[] = [], { toReference }) =>
                existing.some((r) => r.__ref === ref) ? existing : [toReference(data.createPeriod)!, ...existing],
            },
          });
        },
      }),
    [mutate],
  );
  return [create, state] as const;
}

/**
 * Moves a period to its next phase (the period's phase is updated in place); `acknowledged` once
 * the person has seen the incomplete units (PhaseConfirm).
 */
export function useSetPeriodPhaseMutation() {
  const [mutate, state] = useMutation(SetPeriodPhaseMutation);
  const setPhase = useCallback(
    (id: string, phase: Phase, acknowledged = false) => mutate({ variables: { id, phase, acknowledgeIncomplete: acknowledged }, refetchQueries: ['PeriodMonitor'] }),
    [mutate],
  );
  return [setPhase, state] as const;
}

/** DRAFT → SELF_ASSESSMENT → APPRAISAL → (EXPLANATION → FINAL_APPRAISAL →) FINALIZED → PUBLISHED */
export const NEXT_PHASES: Record<Phase, readonly Phase[]> = {
  DRAFT: ['SELF_ASSESSMENT'],
  SELF_ASSESSMENT: ['APPRAISAL'],
  APPRAISAL: ['EXPLANATION', 'FINAL_APPRAISAL', 'FINALIZED'],
  EXPLANATION: ['FINAL_APPRAISAL', 'FINALIZED'],
  FINAL_APPRAISAL: ['FINALIZED'],
  FINALIZED: ['PUBLISHED'],
  PUBLISHED: [],
};

export const PHASE_ORDER: readonly Phase[] = ['DRAFT', 'SELF_ASSESSMENT', 'APPRAISAL', 'EXPLANATION', 'FINAL_APPRAISAL', 'FINALIZED', 'PUBLISHED'];

/** Name, deadlines and (while DRAFT) the units taking part; the period's page is refetched, its units may have changed. */
export function useUpdatePeriodMutation() {
  const [mutate, state] = useMutation(UpdatePeriodMutation);
  const update = useCallback(
    (id: string, input: UpdatePeriodInput) => mutate({ variables: { id, input }, refetchQueries: input.unitIds ? [{ query: PeriodMonitorQuery, variables: { id } }] : [], awaitRefetchQueries: true }),
    [mutate],
  );
  return [update, state] as const;
}
