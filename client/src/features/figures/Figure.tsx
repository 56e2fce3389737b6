import { useI18n } from '../../i18n';
import { figureParts, figureText, type FigureInput } from './figures';

/**
 * A figure on a page (figures.ts): the score in bold, "/ max" muted, what N/A takes out and what
 * is pending beside it. `testId` names the score itself, so that a test reads the number alone;
 * the whole line is the element's accessible text.
 */
export function Figure({ testId, strong = true, withMax = true, ...f }: FigureInput & { testId?: string; strong?: boolean; /** false where the max is written beside already (an editor's header) */ withMax?: boolean }) {
  const { t, fmt } = useI18n();
  const p = figureParts(t, fmt, f);
  if (p.notApplicable) {
    return (
      <span className="figure figure-na" data-testid={testId ? `${testId}-na` : undefined}>
        {p.notApplicable}
      </span>
    );
  }
  const Score = strong ? 'strong' : 'span';
  return (
    <span className="figure" title={figureText(t, fmt, f)}>
      <Score data-testid={testId}>{p.score}</Score>
      {withMax && <span className="muted"> {p.of}</span>}
      {p.naNote && <span className="muted"> ({p.naNote})</span>}
      {p.rescaled && <span className="muted figure-rescaled"> {p.rescaled}</span>}
      {p.pending && (
        <span className="figure-pending" data-testid={testId ? `${testId}-pending` : undefined}>
          {' '}
          {p.pending}
        </span>
      )}
    </span>
  );
}
