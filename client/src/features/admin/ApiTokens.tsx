import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import type { TokenScope } from '../../gql/graphql';
import { useI18n } from '../../i18n';

export const ApiTokenRow = graphql(`
  fragment ApiTokenRow on ApiToken {
    id
    name
    scope
    prefix
    createdAt
    lastUsedAt
    revokedAt
  }
`);

export const ApiTokensQuery = graphql(`
  query ApiTokens {
    apiTokens {
      ...ApiTokenRow
    }
  }
`);

const IssueApiTokenMutation = graphql(`
  mutation IssueApiToken($name: String!, $scope: TokenScope!) {
    issueApiToken(name: $name, scope: $scope) {
      secret
      token {
        ...ApiTokenRow
      }
    }
  }
`);

const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      revokedAt
    }
  }
`);


/** ADMIN: tokens for other systems (integrators); the secret is shown once, at issue. */
export function ApiTokens() {
  const { t, fmt } = useI18n();
  const { data } = useQuery(ApiTokensQuery);
  const [issue, issuing] = useMutation(IssueApiTokenMutation, { refetchQueries: ['ApiTokens'] });
  const [revoke] = useMutation(RevokeApiTokenMutation);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('READ');
  const [secret, setSecret] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const { data: issued } = await issue({ variables: { name: name.trim(), scope } });
      if (issued) setSecret(issued.issueApiToken.secret);
      setName('');
    } catch {
      /* shown below */
    }
  };

  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('tokens.title')}</h2>
      <p className="muted">{t('tokens.explain')}</p>
      {secret && (
        <p className="notice" role="status">
          {t('tokens.secret')} <code className="mono" data-testid="token-secret">{secret}</code>
        </p>
      )}
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">{t('tokens.name')}</th>
            <th scope="col">{t('tokens.scope')}</th>
            <th scope="col">{t('tokens.lastUsed')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {(data?.apiTokens ?? []).map((tk) => (
            <tr key={tk.id} className={tk.revokedAt ? 'inactive' : ''}>
              <td>
                {tk.name} <span className="muted small mono">{tk.prefix}…</span>
              </td>
              <td>{t(`tokens.scope.${tk.scope}`)}</td>
              <td>{tk.lastUsedAt ? fmt.dateTime(tk.lastUsedAt) : '–'}</td>
              <td>
                {tk.revokedAt ? (
                  <span className="muted small">{t('tokens.revokedAt', { time: fmt.dateTime(tk.revokedAt) })}</span>
                ) : (
                  <button type="button" onClick={() => void revoke({ variables: { id: tk.id } }).catch(() => undefined)} aria-label={t('tokens.revokeWho', { name: tk.name })}>
                    {t('tokens.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="form-grid compact" onSubmit={submit} aria-labelledby="new-token">
        <h3 id="new-token">{t('tokens.new')}</h3>
        <div className="field">
          <label htmlFor="token-name">{t('tokens.name')}</label>
          <input id="token-name" type="text" value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="token-scope">{t('tokens.scope')}</label>
          <select id="token-scope" value={scope} onChange={(e) => setScope(e.target.value as TokenScope)}>
            <option value="READ">{t('tokens.scope.READ')}</option>
            <option value="STATISTICS">{t('tokens.scope.STATISTICS')}</option>
          </select>
        </div>
        {issuing.error && <p className="problem" role="alert">{t('error.network')}</p>}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={issuing.loading}>
            {t('tokens.issue')}
          </button>
        </div>
      </form>
    </section>
  );
}
