import { graphql } from '../../gql';

export const InspectionsQuery = graphql(`
  query AssessmentInspections($id: ID!) {
    assessment(id: $id) {
      id
      unit {
        id
      }
      council {
        id
        user {
          id
          name
        }
      }
      unitPeople {
        id
        name
      }
      inspections {
        id
        date
        place
        members {
          id
          name
        }
        findings {
          code
          text
        }
        files {
          id
          name
          size
          url
        }
        recordedBy {
          id
          name
        }
      }
    }
  }
`);

export const RecordInspectionMutation = graphql(`
  mutation RecordInspection($input: RecordInspectionInput!) {
    recordInspection(input: $input) {
      id
    }
  }
`);
