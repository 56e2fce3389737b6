import { render } from '@testing-library/react';
import { useState, type ReactElement } from 'react';
import type { ScoreInput_CriterionFragment } from '../../client/src/gql/graphql';
import { I18nProvider, type Lang } from '../../client/src/i18n';
import { ScoreInput } from '../../client/src/features/scoring/ScoreInput';
import { EMPTY_DRAFT, type Draft } from '../../client/src/features/scoring/draft';

export function renderIn(ui: ReactElement, lang: Lang = 'vi') {
  return render(<I18nProvider lang={lang}>{ui}</I18nProvider>);
}

/** A leaf criterion as the scoring input receives it. */
export function leaf(overrides: Partial<ScoreInput_CriterionFragment>): ScoreInput_CriterionFragment {
  return { id: 'c1', method: 'MANUAL', maxScore: 2, step: null, allowNotApplicable: false, allowAboveFull: false, tierOptions: null, thresholdOptions: null, ...overrides };
}

/** The input with its draft kept in state, as the editor keeps it; `drafts` records every change. */
export function renderInput(criterion: ScoreInput_CriterionFragment, lang: Lang = 'vi', initial: Draft = EMPTY_DRAFT) {
  const drafts: Draft[] = [];
  function Host() {
    const [draft, setDraft] = useState(initial);
    return (
      <ScoreInput
        criterion={criterion}
        draft={draft}
        onChange={(d) => {
          drafts.push(d);
          setDraft(d);
        }}
      />
    );
  }
  const view = renderIn(<Host />, lang);
  return { ...view, drafts, last: () => drafts[drafts.length - 1] };
}
