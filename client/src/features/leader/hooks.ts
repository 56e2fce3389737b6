import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { AssignCriteriaMutation, SubmitAssessmentMutation } from './documents';

/** Assigns leaves or subtrees; the changed entries come back normalized, so every view updates. */
export function useAssignCriteriaMutation() {
  const [mutate, state] = useMutation(AssignCriteriaMutation);
  const assign = useCallback(
    (assessmentId: string, criterionIds: string[], assigneeId: string | null) =>
      mutate({
        variables: { input: { assessmentId, criterionIds, assigneeId } },
        // "my criteria" lists change for the people involved
        refetchQueries: ['MyAssignments'],
      }),
    [mutate],
  );
  return [assign, state] as const;
}

/** Submits; the assessment's status and seq are updated in place. */
export function useSubmitAssessmentMutation() {
  const [mutate, state] = useMutation(SubmitAssessmentMutation);
  const submit = useCallback((id: string) => mutate({ variables: { id } }), [mutate]);
  return [submit, state] as const;
}
