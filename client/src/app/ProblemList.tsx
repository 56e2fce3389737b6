import { useI18n } from '../i18n';
import { problemText, problemWhere } from '../i18n/problems';
import { errorCode, errorProblems } from './errors';
import { errorCodeText } from '../i18n/problems';

/**
 * The server's refusal in the person's language: every problem of BAD_USER_INPUT with where it
 * is (a row and column, a field), or the error's code in words.
 */
export function ProblemList({ error, testId }: { error: unknown; testId?: string }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  const code = errorCode(error);
  const problems = code === 'BAD_USER_INPUT' ? errorProblems(error) : [];
  if (problems.length === 0) {
    return (
      <p className="problem" role="alert">
        {code ? errorCodeText(lang, code) : t('error.network')}
      </p>
    );
  }
  return (
    <div role="alert" className="import-problems">
      <p className="problem">{t('problems.count', { count: problems.length })}</p>
      <table className="table compact" data-testid={testId ?? 'problems'}>
        <thead>
          <tr>
            <th scope="col">{t('import.where')}</th>
            <th scope="col">{t('import.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td className="code">{problemWhere(lang, p) || '–'}</td>
              <td>{problemText(lang, p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
