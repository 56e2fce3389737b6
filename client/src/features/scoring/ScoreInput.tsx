import type { KeyboardEvent, ReactNode } from 'react';
import type { ScoreInput_CriterionFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { langOfLocale, readNumber, showNumber } from '../../i18n/numbers';
import { checkDraft, draftRate, previewScore, ratioShare, round2, type Draft } from './draft';

export interface ScoreInputProps {
  criterion: ScoreInput_CriterionFragment;
  draft: Draft;
  onChange(draft: Draft): void;
  disabled?: boolean;
}

/**
 * The right input for a leaf's scoring method: a number on the step (MANUAL, BONUS, DEDUCTION),
 * có/không (BOOLEAN), one tier (TIERS), numerator and denominator with the rate and its score
 * (RATIO), the unit's figure (RELATIVE), and "not applicable" where the criterion allows it.
 */
export function ScoreInput({ criterion: c, draft, onChange, disabled = false }: ScoreInputProps) {
  const { t, fmt } = useI18n();
  const id = (part: string) => `score-${c.id}-${part}`;
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const off = disabled || draft.notApplicable;
  const { problem } = checkDraft(c, draft, fmt);
  const preview = previewScore(c, draft, fmt);

  let body: ReactNode = null;
  switch (c.method) {
    case 'MANUAL':
    case 'BONUS':
    case 'DEDUCTION': {
      const step = c.method === 'MANUAL' ? (c.step ?? 0.01) : c.method === 'DEDUCTION' ? Math.max(0.01, round2(c.maxScore / 4)) : Math.max(0.01, round2(c.maxScore / 4));
      const [lo, hi] = c.method === 'DEDUCTION' ? [-c.maxScore, 0] : [0, c.maxScore];
      const bump = (dir: 1 | -1) => {
        const read = readNumber(draft.points, langOfLocale(fmt.locale));
        const base = read.kind !== 'number' ? (dir > 0 ? lo - step : hi + step) : read.value;
        const next = Math.min(hi, Math.max(lo, round2(Math.round((base + dir * step) / step) * step)));
        set({ points: fmt.plain(next) });
      };
      const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
        if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
          e.preventDefault();
          bump(e.key === 'ArrowUp' ? 1 : -1);
        }
      };
      const hint =
        c.method === 'MANUAL'
          ? t('input.manualHint', { min: fmt.score(0), max: fmt.score(hi), step: fmt.score(step) })
          : c.method === 'BONUS'
            ? t('input.bonusHint', { max: fmt.score(hi) })
            : t('input.deductionHint', { min: fmt.score(lo) });
      body = (
        <div className="field">
          <label htmlFor={id('points')}>{t(c.method === 'DEDUCTION' ? 'input.deduction' : c.method === 'BONUS' ? 'input.bonus' : 'input.points')}</label>
          <div className="stepper">
            <button type="button" onClick={() => bump(-1)} disabled={off} aria-label={t('input.decrease', { step: fmt.score(step) })}>−</button>
            <input
              id={id('points')}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={draft.points}
              disabled={off}
              onChange={(e) => set({ points: e.target.value })}
              onKeyDown={onKey}
              aria-describedby={`${id('hint')} ${id('points-echo')}`}
              aria-invalid={problem ? true : undefined}
              placeholder={c.method === 'DEDUCTION' ? fmt.plain(-step) : fmt.plain(0)}
            />
            <button type="button" onClick={() => bump(1)} disabled={off} aria-label={t('input.increase', { step: fmt.score(step) })}>+</button>
          </div>
          <WillSave text={draft.points} id={id('points-echo')} />
          <p className="hint" id={id('hint')}>{hint}</p>
        </div>
      );
      break;
    }
    case 'BOOLEAN':
      body = (
        <fieldset className="choices" disabled={off}>
          <legend>{t('input.met')}</legend>
          {[true, false].map((met) => (
            <label key={String(met)} className="choice">
              <input type="radio" name={id('met')} checked={draft.met === met} disabled={off} onChange={() => set({ met })} />
              <span>{t(met ? 'input.yes' : 'input.no')}</span>
              <span className="muted">{t('input.pointsShort', { points: fmt.score(met ? c.maxScore : 0) })}</span>
            </label>
          ))}
        </fieldset>
      );
      break;
    case 'TIERS':
      body = (
        <fieldset className="choices" disabled={off}>
          <legend>{t('input.tier')}</legend>
          {(c.tierOptions ?? []).map((tier) => (
            <label key={tier.label} className="choice">
              <input type="radio" name={id('tier')} checked={draft.tier === tier.label} disabled={off} onChange={() => set({ tier: tier.label })} />
              <span>{tier.label}</span>
              <span className="muted">
                {fmt.percent(tier.share, 0)} · {t('input.pointsShort', { points: fmt.score(round2(c.maxScore * tier.share)) })}
              </span>
            </label>
          ))}
        </fieldset>
      );
      break;
    case 'RATIO': {
      const rate = draftRate(draft, fmt);
      body = (
        <div className="ratio">
          <div className="field">
            <label htmlFor={id('numerator')}>{t('input.numerator')}</label>
            <input id={id('numerator')} type="text" inputMode="decimal" autoComplete="off" value={draft.numerator} disabled={off} onChange={(e) => set({ numerator: e.target.value })} aria-describedby={id('numerator-echo')} />
            <WillSave text={draft.numerator} id={id('numerator-echo')} />
          </div>
          <span className="ratio-bar" aria-hidden="true">/</span>
          <div className="field">
            <label htmlFor={id('denominator')}>{t('input.denominator')}</label>
            <input id={id('denominator')} type="text" inputMode="decimal" autoComplete="off" value={draft.denominator} disabled={off} onChange={(e) => set({ denominator: e.target.value })} aria-describedby={id('denominator-echo')} />
            <WillSave text={draft.denominator} id={id('denominator-echo')} />
          </div>
          <p className="computed" data-testid="ratio-rate" aria-live="polite">
            {rate === null ? t('input.rateNone') : t('input.rate', { rate: fmt.percent(rate, 2), share: fmt.percent(ratioShare(c, rate), 2) })}
          </p>
          {(c.thresholdOptions?.length ?? 0) > 0 && (
            <ul className="thresholds hint">
              {[...(c.thresholdOptions ?? [])]
                .sort((a, b) => b.minPercent - a.minPercent)
                .map((th) => (
                  <li key={th.minPercent}>
                    {t(th.ratio ? 'input.thresholdRatio' : 'input.threshold', { min: fmt.score(th.minPercent), share: fmt.percent(th.share ?? 0, 0) })}
                  </li>
                ))}
            </ul>
          )}
        </div>
      );
      break;
    }
    case 'RELATIVE':
      body = (
        <div className="field">
          <label htmlFor={id('figure')}>{t('input.figure')}</label>
          <input id={id('figure')} type="text" inputMode="decimal" autoComplete="off" value={draft.figure} disabled={off} onChange={(e) => set({ figure: e.target.value })} aria-describedby={`${id('hint')} ${id('figure-echo')}`} />
          <WillSave text={draft.figure} id={id('figure-echo')} />
          <p className="hint" id={id('hint')}>{t('input.relativeHint')}</p>
        </div>
      );
      break;
  }

  return (
    <div className="score-input" data-method={c.method ?? ''}>
      {body}
      {c.allowNotApplicable && (
        <label className="choice na">
          <input type="checkbox" checked={draft.notApplicable} disabled={disabled} onChange={(e) => set({ notApplicable: e.target.checked })} />
          <span>{t('input.notApplicable')}</span>
        </label>
      )}
      {problem && (
        <p className="problem" role="alert">
          {t(problem.key, problem.params)}
        </p>
      )}
      <p className="preview" data-testid="score-preview">
        {draft.notApplicable
          ? t('input.previewNa')
          : c.method === 'RELATIVE'
            ? t('input.previewRelative', { max: fmt.score(c.maxScore) })
            : preview === null
              ? t('input.previewNone', { max: fmt.score(c.maxScore) })
              : t('input.preview', { score: fmt.score(preview), max: fmt.score(c.maxScore) })}
      </p>
    </div>
  );
}

/**
 * Beside a number field, as the person types: the number that will be saved, written the
 * language's way ("Sẽ lưu: 1.500"), or a flag when the text is no clear number (the reason is
 * the input's problem below).
 */
function WillSave({ text, id }: { text: string; id: string }) {
  const { t, fmt } = useI18n();
  const lang = langOfLocale(fmt.locale);
  const read = readNumber(text, lang);
  if (read.kind === 'empty') return null;
  return (
    <span id={id} className={read.kind === 'number' ? 'will-save' : 'will-save unclear'} data-testid="will-save" aria-live="polite">
      {read.kind === 'number' ? t('input.willSave', { value: showNumber(read.value, lang) }) : t(read.kind === 'ambiguous' ? 'input.unclear' : 'input.notNumberShort')}
    </span>
  );
}
