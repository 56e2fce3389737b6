import { useI18n } from '../i18n';
import { errorCode } from './errors';

export function PageLoading() {
  const { t } = useI18n();
  return (
    <main className="page-state" aria-busy="true">
      <p className="muted">{t('page.loading')}</p>
    </main>
  );
}

export function PageError({ error }: { error: unknown }) {
  const { t } = useI18n();
  const code = errorCode(error);
  return (
    <main className="page-state">
      <p className="problem" role="alert">
        {code === 'FORBIDDEN' ? t('error.forbidden') : code === 'NOT_FOUND' ? t('error.notFound') : t('error.network')}
      </p>
    </main>
  );
}
