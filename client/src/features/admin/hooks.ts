import type { ApolloCache, StoreObject } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import type { CreateUnitInput, CreateUserInput, ImportFrameworkSheetInput, ImportPeopleSheetInput, UpdateUnitInput } from '../../gql/graphql';
import { AdminPeopleQuery, CreateUnitMutation, CreateUserMutation, ImportFrameworkMutation, ImportFrameworkSheetMutation, ImportPeopleSheetMutation, PublishFrameworkMutation, SetUserActiveMutation, UpdateUnitMutation } from './documents';

type Ref = { __ref: string };

/** Adds a created object to a cached root list (units, users, frameworks) once. */
function appendTo(cache: ApolloCache, field: 'units' | 'users' | 'frameworks', obj: { __typename?: string; id: string }, first = false) {
  const id = cache.identify(obj as StoreObject);
  cache.modify({
    fields: {
      [field]: (existing: readonly Ref[] = [], { toReference }) => {
        if (existing.some((r) => r.__ref === id)) return existing;
        const ref = toReference(obj as StoreObject)!;
        return first ? [ref, ...existing] : [...existing, ref];
      },
    },
  });
}

export function useCreateUnitMutation() {
  const [mutate, state] = useMutation(CreateUnitMutation);
  const create = useCallback(
    (input: CreateUnitInput) => mutate({ variables: { input }, update: (cache, { data }) => data && appendTo(cache, 'units', data.createUnit) }),
    [mutate],
  );
  return [create, state] as const;
}

export function useCreateUserMutation() {
  const [mutate, state] = useMutation(CreateUserMutation);
  const create = useCallback(
    (input: CreateUserInput) => mutate({ variables: { input }, update: (cache, { data }) => data && appendTo(cache, 'users', data.createUser) }),
    [mutate],
  );
  return [create, state] as const;
}

/** Enables or disables an account (the user's cached `active` changes in place). */
export function useSetUserActiveMutation() {
  const [mutate, state] = useMutation(SetUserActiveMutation);
  const set = useCallback((id: string, active: boolean) => mutate({ variables: { id, active } }), [mutate]);
  return [set, state] as const;
}

/** Imports a framework document; the new DRAFT joins the cached list of frameworks first. */
export function useImportFrameworkMutation() {
  const [mutate, state] = useMutation(ImportFrameworkMutation);
  const importDoc = useCallback(
    (document: Record<string, unknown>) =>
      mutate({ variables: { document }, update: (cache, { data }) => data && appendTo(cache, 'frameworks', data.importFramework, true) }),
    [mutate],
  );
  return [importDoc, state] as const;
}

/** Publishes a DRAFT; its status changes in place, and the period form sees it. */
export function usePublishFrameworkMutation() {
  const [mutate, state] = useMutation(PublishFrameworkMutation);
  const publish = useCallback((id: string) => mutate({ variables: { id }, refetchQueries: ['PeriodFormOptions'] }), [mutate]);
  return [publish, state] as const;
}

/** Imports a framework from a spreadsheet (XLSX or CSV); the new DRAFT joins the cached list first. */
export function useImportFrameworkSheetMutation() {
  const [mutate, state] = useMutation(ImportFrameworkSheetMutation);
  const importSheet = useCallback(
    (input: ImportFrameworkSheetInput) =>
      mutate({ variables: { input }, update: (cache, { data }) => data && appendTo(cache, 'frameworks', data.importFrameworkSheet, true) }),
    [mutate],
  );
  return [importSheet, state] as const;
}

export function useUpdateUnitMutation() {
  const [mutate, state] = useMutation(UpdateUnitMutation);
  const update = useCallback((id: string, input: UpdateUnitInput) => mutate({ variables: { id, input } }), [mutate]);
  return [update, state] as const;
}

/** The preview (dryRun) and the import of units and users; an applied import refetches the people lists. */
export function useImportPeopleSheetMutation() {
  const [mutate, state] = useMutation(ImportPeopleSheetMutation);
  const run = useCallback(
    (input: ImportPeopleSheetInput) => mutate({ variables: { input }, refetchQueries: input.dryRun ? [] : [AdminPeopleQuery], awaitRefetchQueries: true }),
    [mutate],
  );
  return [run, state] as const;
}
