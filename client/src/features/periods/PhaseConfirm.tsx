import { useQuery } from '@apollo/client/react';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { graphql } from '../../gql';
import type { Phase } from '../../gql/graphql';
import { useI18n } from '../../i18n';

export const IncompleteUnitsQuery = graphql(`
  query IncompleteUnits($id: ID!, $phase: Phase!) {
    period(id: $id) {
      id
      incompleteUnits(phase: $phase) {
        assessmentId
        unitName
        status
        reason
      }
    }
  }
`);

/**
 * Asks before a period moves to `target` (a phase move, or publishing results for PUBLISHED):
 * what becomes read-only, and every unit the server says is left behind, by name. Confirming
 * acknowledges those units (the mutation is sent with acknowledgeIncomplete: true).
 */
export function PhaseConfirm({ periodId, target, busy, onConfirm, onCancel, publishing = false }: {
  periodId: string;
  target: Phase | null;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  publishing?: boolean;
}) {
  const { t } = useI18n();
  const q = useQuery(IncompleteUnitsQuery, { variables: { id: periodId, phase: target ?? 'APPRAISAL' }, skip: !target, fetchPolicy: 'network-only' });
  const incomplete = q.data?.period.incompleteUnits;
  const phase = target ?? 'APPRAISAL';
  return (
    <ConfirmDialog
      open={target !== null}
      title={publishing ? t('confirm.publish.title') : t('confirm.phase.title', { phase: t(`phase.${phase}`) })}
      confirmLabel={publishing ? t('confirm.publish.confirm') : t('confirm.phase.confirm', { phase: t(`phase.${phase}`) })}
      busy={busy || !incomplete}
      danger={Boolean(incomplete?.length)}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>{t(`confirm.phase.${phase}`)}</p>
      {!incomplete ? (
        <p className="muted">{t('page.loading')}</p>
      ) : incomplete.length === 0 ? (
        <p className="ok">{t('confirm.incomplete.none')}</p>
      ) : (
        <>
          <p className="problem">{t('confirm.incomplete.count', { count: String(incomplete.length) })}</p>
          <ul className="incomplete-units" data-testid="incomplete-units">
            {incomplete.map((u) => (
              <li key={u.assessmentId}>
                <strong>{u.unitName}</strong> — {t(`incomplete.${u.reason}`)}
              </li>
            ))}
          </ul>
        </>
      )}
    </ConfirmDialog>
  );
}
