import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ProblemList } from '../../app/ProblemList';
import type { Phase, UnitKind } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { DEFAULT_TIME_ZONE, fromZonedInput, toZonedInput } from '../../i18n/format';
import { PeriodFormOptionsQuery } from './documents';
import { useUpdatePeriodMutation } from './hooks';

interface PeriodForEdit {
  id: string;
  name: string;
  phase: Phase;
  selfAssessmentDeadline?: string | null;
  appraisalDeadline?: string | null;
  explanationDeadline?: string | null;
  framework: { unitKind: UnitKind };
  assessments: readonly { unit: { id: string } }[];
}

const DEADLINES = ['selfAssessmentDeadline', 'appraisalDeadline', 'explanationDeadline'] as const;
const LABEL = { selfAssessmentDeadline: 'period.selfDeadline', appraisalDeadline: 'period.appraisalDeadline', explanationDeadline: 'period.explanationDeadline' } as const;

/**
 * ADMIN: a period's name and deadlines (in the province's time zone), and while it is DRAFT the
 * units taking part (those of the framework's kind).
 */
export function PeriodEditForm({ period, onDone }: { period: PeriodForEdit; onDone(): void }) {
  const { t } = useI18n();
  const draft = period.phase === 'DRAFT';
  const { data } = useQuery(PeriodFormOptionsQuery, { skip: !draft });
  const [update, { loading, error }] = useUpdatePeriodMutation();
  const [name, setName] = useState(period.name);
  const [deadlines, setDeadlines] = useState(() => Object.fromEntries(DEADLINES.map((k) => [k, toZonedInput(period[k])])) as Record<(typeof DEADLINES)[number], string>);
  const [unitIds, setUnitIds] = useState<string[]>(() => period.assessments.map((a) => a.unit.id));
  const units = (data?.units ?? []).filter((u) => u.kind === period.framework.unitKind);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await update(period.id, {
        name: name.trim(),
        ...Object.fromEntries(DEADLINES.map((k) => [k, deadlines[k] ? fromZonedInput(deadlines[k]) : null])),
        ...(draft ? { unitIds } : {}),
      });
      onDone();
    } catch {
      /* shown */
    }
  };
  return (
    <form className="card form-grid compact" onSubmit={submit} aria-labelledby="period-edit-title" onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <h2 id="period-edit-title">{t('period.edit')}</h2>
      <div className="field">
        <label htmlFor="period-edit-name">{t('period.editName')}</label>
        <input id="period-edit-name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
      </div>
      {DEADLINES.map((k) => (
        <div className="field" key={k}>
          <label htmlFor={`period-edit-${k}`}>{t(LABEL[k])}</label>
          <input id={`period-edit-${k}`} type="datetime-local" value={deadlines[k]} onChange={(e) => setDeadlines({ ...deadlines, [k]: e.target.value })} aria-describedby="period-edit-zone" />
        </div>
      ))}
      <p className="hint" id="period-edit-zone">{t('period.deadlineZone', { zone: DEFAULT_TIME_ZONE })}</p>
      {draft ? (
        <fieldset className="choices">
          <legend>{t('period.unitsTaking')}</legend>
          {units.map((u) => (
            <label key={u.id} className="choice">
              <input type="checkbox" checked={unitIds.includes(u.id)} onChange={(e) => setUnitIds(e.target.checked ? [...unitIds, u.id] : unitIds.filter((x) => x !== u.id))} />
              <span>{u.name}</span>
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="muted">{t('period.unitsFixed')}</p>
      )}
      <ProblemList error={error} />
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={loading}>
          {t('admin.save')}
        </button>
      </div>
    </form>
  );
}
