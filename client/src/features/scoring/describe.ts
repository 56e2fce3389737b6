import type { ScoreInput_CriterionFragment, ScoreValueFieldsFragment } from '../../gql/graphql';
import type { I18n } from '../../i18n';

type Value = { [K in keyof Omit<ScoreValueFieldsFragment, '__typename'>]?: ScoreValueFieldsFragment[K] } | null | undefined;

/** A raw score input in words: "4,5", "Có", "Một phần", "912 / 1.000 (91,2 %)", "Không áp dụng". */
export function describeValue(c: Pick<ScoreInput_CriterionFragment, 'method'>, v: Value, { t, fmt }: Pick<I18n, 't' | 'fmt'>): string {
  if (!v) return t('value.none');
  if (v.notApplicable) return t('input.notApplicable');
  switch (c.method) {
    case 'BOOLEAN':
      return v.met === null || v.met === undefined ? t('value.none') : t(v.met ? 'input.yes' : 'input.no');
    case 'TIERS':
      return v.tier ?? t('value.none');
    case 'RATIO':
      if (v.numerator === null || v.numerator === undefined || !v.denominator) return t('value.none');
      return `${fmt.score(v.numerator)}/${fmt.score(v.denominator)} = ${fmt.percent(Math.min(1, v.numerator / v.denominator), 2)}`;
    case 'RELATIVE':
      return fmt.score(v.figure);
    default:
      return fmt.score(v.points);
  }
}
