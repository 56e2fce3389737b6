import type { ReactNode } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { useSession, useUser } from '../features/auth/session';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { Link, useLocation } from './router';

interface NavItem {
  to: string;
  label: MessageKey;
  roles: readonly string[];
}

const NAV: NavItem[] = [
  { to: '/my', label: 'nav.my', roles: ['STAFF', 'LEADER'] },
  { to: '/my-units', label: 'nav.myUnits', roles: ['APPRAISER'] },
  { to: '/periods', label: 'nav.periods', roles: ['STAFF', 'LEADER', 'ADMIN', 'APPRAISER', 'VIEWER'] },
  { to: '/frameworks', label: 'nav.frameworks', roles: ['ADMIN', 'APPRAISER', 'VIEWER'] },
  { to: '/admin/people', label: 'nav.people', roles: ['ADMIN'] },
];

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const user = useUser();
  const { signOut } = useSession();
  const { path } = useLocation();
  return (
    <div className="shell">
      <a href="#content" className="skip">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.main')}>
          <ul>
            {NAV.filter((n) => n.roles.includes(user.role)).map((n) => (
              <li key={n.to}>
                <Link to={n.to} aria-current={path === n.to || path.startsWith(`${n.to}/`) ? 'page' : undefined}>
                  {t(n.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="topbar-side">
          <NotificationBell />
          <LanguageSwitch />
          <span className="who" data-testid="who">
            <strong>{user.name}</strong>
            <span className="muted small">
              {t(`role.${user.role}`)}
              {user.unit ? ` · ${user.unit.name}` : ''}
            </span>
          </span>
          <button type="button" onClick={() => signOut('user')}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <div id="content" className="content" tabIndex={-1}>
        {children}
      </div>
    </div>
  );
}
