import { PreferencesPage } from '../features/notifications/PreferencesPage';
import type { ReactNode } from 'react';
import { I18nProvider, useI18n } from '../i18n';
import { SessionProvider, useSession } from '../features/auth/session';
import { SignInPage } from '../features/auth/SignInPage';
import { MyCriteriaPage } from '../features/assignments/MyCriteriaPage';
import { WorkspacePage } from '../features/workspace/WorkspacePage';
import { OverviewPage } from '../features/leader/OverviewPage';
import { PeriodsPage } from '../features/periods/PeriodsPage';
import { PeriodPage } from '../features/periods/PeriodPage';
import { PeoplePage } from '../features/admin/PeoplePage';
import { FrameworksPage } from '../features/admin/FrameworksPage';
import { FrameworkPage } from '../features/admin/FrameworkPage';
import { Layout } from './Layout';
import { matchPath, navigate, useLocation } from './router';
import { AppraisalPage } from '../features/appraisal/AppraisalPage';
import { ComparePage } from '../features/compare/ComparePage';
import { ResultsPage } from '../features/results/ResultsPage';
import { CouncilPage } from '../features/council/CouncilPage';
import { MyUnitsPage } from '../features/council/MyUnitsPage';
import { isPublicPath, PublicRoutes } from '../features/public/PublicRoutes';

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Routes />
      </SessionProvider>
    </I18nProvider>
  );
}

interface Route {
  path: string;
  roles?: readonly string[];
  render(params: Record<string, string>): ReactNode;
}

const ROUTES: Route[] = [
  { path: '/my', roles: ['STAFF', 'LEADER'], render: () => <MyCriteriaPage /> },
  { path: '/assessments/:id', render: (p) => <WorkspacePage key={p.id} assessmentId={p.id} /> },
  { path: '/assessments/:id/overview', render: (p) => <OverviewPage key={p.id} assessmentId={p.id} /> },
  { path: '/periods', render: () => <PeriodsPage /> },
  { path: '/notifications/settings', render: () => <PreferencesPage /> },
  { path: '/periods/:id', render: (p) => <PeriodPage key={p.id} periodId={p.id} /> },
  { path: '/frameworks', render: () => <FrameworksPage /> },
  { path: '/frameworks/:id', render: (p) => <FrameworkPage key={p.id} frameworkId={p.id} /> },
  { path: '/admin/people', roles: ['ADMIN'], render: () => <PeoplePage /> },
  { path: '/periods/:id/results', render: (p) => <ResultsPage key={p.id} periodId={p.id} /> },
  { path: '/my-units', roles: ['APPRAISER'], render: () => <MyUnitsPage /> },
  { path: '/periods/:id/council', roles: ['ADMIN'], render: (p) => <CouncilPage key={p.id} periodId={p.id} /> },
  { path: '/compare', render: () => <ComparePage /> },
  { path: '/appraisal/:id', roles: ['APPRAISER', 'ADMIN', 'VIEWER'], render: (p) => <AppraisalPage key={p.id} assessmentId={p.id} /> },
];

/** Where each role starts. */
export function homeOf(role: string): string {
  return role === 'STAFF' ? '/my' : '/periods';
}

function Routes() {
  const { user } = useSession();
  const { path } = useLocation();
  const { t } = useI18n();
  // the published results: the same pages for everyone, signed in or not
  if (isPublicPath(path)) return <PublicRoutes />;
  if (!user) return <SignInPage />;
  if (path === '/' || path === '/login') {
    navigate(homeOf(user.role), { replace: true });
    return null;
  }
  for (const r of ROUTES) {
    const params = matchPath(r.path, path);
    if (!params) continue;
    return <Layout>{r.roles && !r.roles.includes(user.role) ? <p className="card problem">{t('error.forbidden')}</p> : r.render(params)}</Layout>;
  }
  return (
    <Layout>
      <p className="card">{t('error.notFound')}</p>
    </Layout>
  );
}
