import type { MessageKey, Params } from '../../i18n';
import type { Format } from '../../i18n/format';

/**
 * How every screen writes a figure (issue 11, DESIGN.md "Arithmetic"): one denominator language.
 * A total or a node reads "score / the framework's max"; where N/A rescales (the applicable max is
 * below the max) the points taken out are named beside it ("121,04 / 170 — 4 điểm không áp
 * dụng"); points of RELATIVE leaves still waiting for the period's results are named, never
 * silently left out ("(+ tối đa 8 điểm chờ so sánh khi tính kết quả)"); an N/A leaf reads
 * "Không áp dụng", never 0/4. Every page formats figures here and nowhere else.
 */

type T = (key: MessageKey, params?: Params) => string;

export interface FigureInput {
  /** the reported score (a total, a node's or a leaf's); null: not scored yet */
  score: number | null | undefined;
  /** the framework's max for this node (the framework max for a total) */
  max: number;
  /** the max left after N/A leaves are taken out (RESCALE); absent or equal to max: nothing taken out */
  applicableMax?: number | null;
  /** points of RELATIVE leaves waiting for the results */
  pending?: number | null;
  /** a leaf marked not applicable */
  notApplicable?: boolean;
}

export interface FigureParts {
  /** "Không áp dụng" for an N/A leaf scored as nothing: then nothing else is shown */
  notApplicable: string | null;
  /** "Không áp dụng" beside the points of an N/A leaf scored as full */
  naNote: string | null;
  score: string;
  /** "/ 170" */
  of: string;
  /** "— 4 điểm không áp dụng" */
  rescaled: string | null;
  /** "(+ tối đa 8 điểm chờ so sánh khi tính kết quả)" */
  pending: string | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function figureParts(t: T, fmt: Format, f: FigureInput): FigureParts {
  // N/A scored as nothing (RESCALE) reads only "Không áp dụng"; scored as full (FULL), the points beside it
  if (f.notApplicable && !(f.score && f.score > 0)) return { notApplicable: t('figures.notApplicable'), naNote: null, score: '', of: '', rescaled: null, pending: null };
  const dropped = f.applicableMax == null ? 0 : round2(f.max - f.applicableMax);
  return {
    notApplicable: null,
    naNote: f.notApplicable ? t('figures.notApplicable') : null,
    score: fmt.score(f.score),
    of: t('figures.of', { max: fmt.score(f.max) }),
    rescaled: dropped > 0 ? t('figures.rescaled', { points: fmt.score(dropped) }) : null,
    pending: f.pending && f.pending > 0 ? t('figures.pending', { points: fmt.score(f.pending) }) : null,
  };
}

/** The figure as one line of text: "121,04 / 170 — 4 điểm không áp dụng (+ tối đa 8 điểm chờ so sánh khi tính kết quả)". */
export function figureText(t: T, fmt: Format, f: FigureInput): string {
  const p = figureParts(t, fmt, f);
  if (p.notApplicable) return p.notApplicable;
  return [`${p.score} ${p.of}`, p.naNote && `(${p.naNote})`, p.rescaled, p.pending].filter(Boolean).join(' ');
}

/** The applicable max of an assessment: Σ of its top-level rows' maxima (each less its N/A leaves under RESCALE). */
export function applicableMaxOf(rows: readonly { criterionId: string; maxScore: number }[], isRoot: (criterionId: string) => boolean): number {
  return round2(rows.filter((r) => isRoot(r.criterionId)).reduce((s, r) => s + r.maxScore, 0));
}
