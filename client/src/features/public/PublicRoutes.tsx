import { useEffect } from 'react';
import { matchPath, useLocation } from '../../app/router';
import { useI18n } from '../../i18n';
import { PublicLayout, PublicProblem } from './PublicLayout';
import { PublicPeriodsPage } from './PublicPeriodsPage';
import { PublicRankingPage } from './PublicRankingPage';
import { PublicUnitPage } from './PublicUnitPage';

/** Whether an address is one of the public pages (shown to anyone, signed in or not). */
export const isPublicPath = (path: string): boolean => path === '/public' || path.startsWith('/public/');

/** The public results' pages; ?lang=vi|en picks the language (a shared link opens in it). */
export function PublicRoutes() {
  const { path, query } = useLocation();
  const { lang, setLang } = useI18n();
  const asked = query.get('lang');
  useEffect(() => {
    if ((asked === 'vi' || asked === 'en') && asked !== lang) setLang(asked);
    // only when the address asks (the switch writes the address itself)
  }, [asked]);
  let page;
  let params: Record<string, string> | null;
  if (path === '/public' || path === '/public/') page = <PublicPeriodsPage />;
  else if ((params = matchPath('/public/periods/:id', path))) page = <PublicRankingPage key={params.id} periodId={params.id} />;
  else if ((params = matchPath('/public/periods/:id/units/:unitId', path))) page = <PublicUnitPage key={`${params.id}/${params.unitId}`} periodId={params.id} unitId={params.unitId} />;
  else page = <PublicProblem problem="notFound" notFound="public.notPublished" />;
  return <PublicLayout>{page}</PublicLayout>;
}
