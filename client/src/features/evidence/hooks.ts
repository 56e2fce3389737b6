import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import type { AttachEvidenceLinkInput } from '../../gql/graphql';
import { AttachEvidenceLinkMutation, RemoveEvidenceMutation } from './documents';

/** Attaches a link; the entry comes back with its evidence list, normalized in place. */
export function useAttachEvidenceLinkMutation() {
  const [mutate, state] = useMutation(AttachEvidenceLinkMutation);
  const attach = useCallback((input: AttachEvidenceLinkInput) => mutate({ variables: { input } }), [mutate]);
  return [attach, state] as const;
}

/** Removes an item; the entry comes back with its evidence list, normalized in place. */
export function useRemoveEvidenceMutation() {
  const [mutate, state] = useMutation(RemoveEvidenceMutation);
  const remove = useCallback((id: string) => mutate({ variables: { id } }), [mutate]);
  return [remove, state] as const;
}
