import { useState } from 'react';
import { downloadFile } from '../../app/download';
import { useI18n } from '../../i18n';
import { useSession } from '../auth/session';

/**
 * "Tải PDF": a printed report the server lays out (the score sheet, /export/assessment/:id.pdf, or
 * the ranking, /export/ranking/:periodId/:unitKind.pdf), downloaded with the sign-in's token; a
 * refusal or a lost connection is said beside the button.
 */
export function PdfDownload({ path, fallbackName, title }: { path: string; fallbackName: string; title: string }) {
  const { t } = useI18n();
  const { token } = useSession();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const download = () => {
    setBusy(true);
    downloadFile(token ?? '', path, fallbackName).then(
      () => {
        setBusy(false);
        setFailed(false);
      },
      () => {
        setBusy(false);
        setFailed(true);
      },
    );
  };
  return (
    <>
      <button type="button" title={title} disabled={busy} onClick={download}>
        {t('report.pdf')}
      </button>
      {failed && (
        <span className="problem small" role="alert">
          {t('report.pdfFailed')}
        </span>
      )}
    </>
  );
}
