import { graphql } from '../../gql';

export const AdminPeopleQuery = graphql(`
  query AdminPeople {
    units {
      ...AdminUnit
    }
    users {
      ...AdminUser
    }
  }
`);

export const CreateUnitMutation = graphql(`
  mutation CreateUnit($input: CreateUnitInput!) {
    createUnit(input: $input) {
      ...AdminUnit
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ...AdminUser
    }
  }
`);

export const SetUserActiveMutation = graphql(`
  mutation SetUserActive($id: ID!, $active: Boolean!) {
    setUserActive(id: $id, active: $active) {
      id
      active
    }
  }
`);

export const FrameworksQuery = graphql(`
  query Frameworks {
    frameworks {
      ...FrameworkRow
    }
  }
`);

export const ImportFrameworkMutation = graphql(`
  mutation ImportFramework($document: JSONObject!) {
    importFramework(document: $document) {
      ...FrameworkRow
    }
  }
`);

export const PublishFrameworkMutation = graphql(`
  mutation PublishFramework($id: ID!) {
    publishFramework(id: $id) {
      id
      status
      publishedAt
    }
  }
`);

export const FrameworkDetailQuery = graphql(`
  query FrameworkDetail($id: ID!) {
    framework(id: $id) {
      ...FrameworkRow
      notApplicable
      bands {
        label
        minPercent
      }
      criteria {
        ...FrameworkTree_criterion
      }
    }
  }
`);

export const ImportFrameworkSheetMutation = graphql(`
  mutation ImportFrameworkSheet($input: ImportFrameworkSheetInput!) {
    importFrameworkSheet(input: $input) {
      ...FrameworkRow
    }
  }
`);

export const UpdateUnitMutation = graphql(`
  mutation UpdateUnit($id: ID!, $input: UpdateUnitInput!) {
    updateUnit(id: $id, input: $input) {
      ...AdminUnit
    }
  }
`);

export const ImportPeopleSheetMutation = graphql(`
  mutation ImportPeopleSheet($input: ImportPeopleSheetInput!) {
    importPeopleSheet(input: $input) {
      applied
      unitsCreated
      unitsUpdated
      usersCreated
      usersUpdated
      units {
        row
        action
        code
        name
        kind
        parentCode
        changed
      }
      users {
        row
        action
        email
        name
        role
        unitCode
        changed
      }
    }
  }
`);
