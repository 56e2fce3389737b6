import { useMutation, useQuery } from '@apollo/client/react';
import { PageError, PageLoading } from '../../app/PageState';
import { useI18n, type MessageKey } from '../../i18n';
import { NotificationPreferencesQuery, SetNotificationPreferenceMutation } from './documents';

const CHOICES = ['IMMEDIATE', 'DAILY_DIGEST', 'NEVER'] as const;

/** Each person chooses, per kind of notification, how it reaches them by e-mail. */
export function PreferencesPage() {
  const { t } = useI18n();
  const { data, error } = useQuery(NotificationPreferencesQuery);
  const [save, saving] = useMutation(SetNotificationPreferenceMutation);
  if (error && !data) return <PageError error={error} />;
  if (!data) return <PageLoading />;
  return (
    <main aria-labelledby="prefs-title">
      <h1 id="prefs-title">{t('notifications.settingsTitle')}</h1>
      <p className="muted">{t('notifications.settingsHelp')}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('notifications.kindColumn')}</th>
            <th scope="col">{t('notifications.emailColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {data.notificationPreferences.map((p) => (
            <tr key={p.kind}>
              <th scope="row">
                <label htmlFor={`pref-${p.kind}`}>{t(`notificationKind.${p.kind}` as MessageKey)}</label>
              </th>
              <td>
                <select
                  id={`pref-${p.kind}`}
                  value={p.email}
                  disabled={saving.loading}
                  onChange={(e) => void save({ variables: { kind: p.kind, email: e.target.value as (typeof CHOICES)[number] } }).catch(() => undefined)}
                >
                  {CHOICES.map((c) => (
                    <option key={c} value={c}>
                      {t(`emailDelivery.${c}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {saving.error && (
        <p className="problem" role="alert">
          {t('error.network')}
        </p>
      )}
    </main>
  );
}
