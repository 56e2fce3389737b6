import type { ReactNode } from 'react';
import { Link, navigate, useLocation } from '../../app/router';
import { useI18n } from '../../i18n';
import { LANGS } from '../../i18n/dictionary';

/** A link within the public pages, carrying the language so that a shared address opens in it. */
export function useLangLink(): (to: string) => string {
  const { lang } = useI18n();
  return (to) => `${to}${to.includes('?') ? '&' : '?'}lang=${lang}`;
}

/**
 * The frame of the public results (no sign-in): the name, a way back to the list, the language
 * (written into the address: ?lang=vi|en) and a way to sign in.
 */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { path, query } = useLocation();
  const to = useLangLink();
  const choose = (next: 'vi' | 'en') => {
    setLang(next);
    const q = new URLSearchParams(query);
    q.set('lang', next);
    navigate(`${path}?${q.toString()}`, { replace: true });
  };
  return (
    <div className="shell public">
      <header className="topbar">
        <Link to={to('/public')} className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.main')}>
          <ul>
            <li>
              <Link to={to('/public')} aria-current={path === '/public' ? 'page' : undefined}>
                {t('public.link')}
              </Link>
            </li>
          </ul>
        </nav>
        <div className="topbar-side">
          <div className="lang-switch" role="group" aria-label={t('lang.choose')}>
            {LANGS.map((l) => (
              <button key={l} type="button" className={l === lang ? 'active' : ''} aria-pressed={l === lang} onClick={() => choose(l)} lang={l}>
                {l === 'vi' ? 'VI' : 'EN'}
              </button>
            ))}
          </div>
          <Link to="/" className="button">
            {t('signin.submit')}
          </Link>
        </div>
      </header>
      <div className="content">{children}</div>
    </div>
  );
}

/** What a public page says instead of its data: loading, not published, or a network failure. */
export function PublicProblem({ problem, notFound }: { problem: 'loading' | 'notFound' | 'network'; notFound: 'public.notPublished' | 'public.unitNotFound' }) {
  const { t } = useI18n();
  const to = useLangLink();
  if (problem === 'loading') {
    return (
      <main className="page-state" aria-busy="true">
        <p className="muted">{t('page.loading')}</p>
      </main>
    );
  }
  return (
    <main className="page-state">
      <p className={problem === 'notFound' ? 'notice' : 'problem'} role="alert" data-testid={problem === 'notFound' ? 'public-not-published' : undefined}>
        {problem === 'notFound' ? t(notFound) : t('error.network')}
      </p>
      <p>
        <Link to={to('/public')}>{t('public.allPeriods')}</Link>
      </p>
    </main>
  );
}
