import { graphql } from '../../gql';

/** A council seat: who sits for which unit, as chair or member, on which criteria groups. */
export const CouncilSeatMember = graphql(`
  fragment CouncilSeat_member on CouncilMember {
    id
    chair
    user {
      id
      name
    }
    unit {
      id
    }
    groups {
      id
      code
    }
  }
`);

/** A unit as the council pages name it: code and name. */
export const CouncilUnitUnit = graphql(`
  fragment CouncilUnit_unit on Unit {
    id
    code
    name
  }
`);

/** The chair's signature of a finalization, as the finalization panel shows it. */
export const FinalizationPanelSignature = graphql(`
  fragment FinalizationPanel_signature on FinalizationSignature {
    id
    signedAt
    figuresHash
    valid
    signedBy {
      id
      name
    }
  }
`);
