import { Phase } from './period.entity';

/**
 * The phase machine of DESIGN.md: forward only; EXPLANATION and FINAL_APPRAISAL may be skipped.
 */
export const NEXT_PHASES: Record<Phase, readonly Phase[]> = {
  [Phase.DRAFT]: [Phase.SELF_ASSESSMENT],
  [Phase.SELF_ASSESSMENT]: [Phase.APPRAISAL],
  [Phase.APPRAISAL]: [Phase.EXPLANATION, Phase.FINAL_APPRAISAL, Phase.FINALIZED],
  [Phase.EXPLANATION]: [Phase.FINAL_APPRAISAL, Phase.FINALIZED],
  [Phase.FINAL_APPRAISAL]: [Phase.FINALIZED],
  [Phase.FINALIZED]: [Phase.PUBLISHED],
  [Phase.PUBLISHED]: [],
};

export const canMove = (from: Phase, to: Phase): boolean => NEXT_PHASES[from].includes(to);
