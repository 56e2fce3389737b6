import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { errorCode } from '../../app/errors';
import { Link } from '../../app/router';
import { LoginMutation, useSession } from './session';

export function SignInPage() {
  const { t } = useI18n();
  const { signIn, ended } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [login, { loading, error }] = useMutation(LoginMutation);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const { data } = await login({ variables: { email: email.trim(), password } });
      if (data) signIn(data.login.token, data.login.expiresAt);
    } catch {
      /* shown below */
    }
  };

  const code = errorCode(error);
  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <div className="signin-head">
          <h1 id="signin-title">{t('app.name')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('signin.tagline')}</p>
        {ended === 'expired' && !error && <p className="notice" role="status">{t('signin.expired')}</p>}
        <div className="field">
          <label htmlFor="email">{t('signin.email')}</label>
          <input id="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </div>
        <div className="field">
          <label htmlFor="password">{t('signin.password')}</label>
          <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {error && (
          <p className="problem" role="alert">
            {code === 'UNAUTHENTICATED' ? t('signin.wrong') : code === 'RATE_LIMITED' ? t('signin.rateLimited') : t('error.network')}
          </p>
        )}
        <button type="submit" className="primary" disabled={loading}>
          {loading ? t('signin.signingIn') : t('signin.submit')}
        </button>
        <p className="signin-public">
          <Link to="/public">{t('public.link')}</Link>
        </p>
      </form>
    </main>
  );
}
