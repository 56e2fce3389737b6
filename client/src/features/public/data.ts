import type { TrendPoint } from '../trends/UnitTrends';
import { useEffect, useState } from 'react';

/**
 * The public pages' data: GET /public/data/…json (server/src/modules/public/public.routes.ts),
 * the answers of the public GraphQL queries. Read with fetch(), not Apollo: the browser's HTTP
 * cache keeps them (Cache-Control: public, max-age=60) and revalidates them with their ETag, so
 * that a reader on a phone downloads a ranking once and then gets 304s.
 */
export type UnitKind = 'DEPARTMENT' | 'DISTRICT' | 'COMMUNE' | 'OTHER';

export interface PublicPeriod {
  id: string;
  name: string;
  year: number;
  frameworkName: string;
  frameworkCode: string;
  maxScore: number;
  unitKinds: UnitKind[];
  publishedAt: string;
}

export interface PublicGroupResult {
  criterionId: string;
  code: string;
  title: string;
  maxScore: number;
  total: number;
  rank: number;
}

export interface PublicRankingRow {
  unit: { id: string; code: string; name: string; kind: UnitKind };
  submitted: boolean;
  rank: number;
  total: number;
  maxScore: number;
  index: number;
  band: string | null;
  previousRank: number | null;
  rankChange: number | null;
  previousTotal: number | null;
  totalChange: number | null;
  groups: PublicGroupResult[];
}

export interface PublicRanking {
  period: PublicPeriod;
  unitKind: UnitKind;
  rows: PublicRankingRow[];
}

export interface PublicUnitResult {
  period: PublicPeriod;
  row: PublicRankingRow;
  /** unitHistory's points of the framework code: figures, ranks and the rankings' averages */
  history: TrendPoint[];
}

export const publicPaths = {
  periods: () => '/public/data/periods.json',
  period: (id: string) => `/public/data/periods/${encodeURIComponent(id)}.json`,
  ranking: (id: string, kind: UnitKind) => `/public/data/periods/${encodeURIComponent(id)}/ranking/${kind}.json`,
  unit: (periodId: string, unitId: string) => `/public/data/periods/${encodeURIComponent(periodId)}/units/${encodeURIComponent(unitId)}.json`,
};

/** notFound: the period is not published (or does not exist), said as one; network: anything else. */
export type PublicState<T> = { data: T; problem: null } | { data: null; problem: 'loading' | 'notFound' | 'network' };

export function usePublicData<T>(url: string | null): PublicState<T> {
  const [state, setState] = useState<{ url: string | null; value: PublicState<T> }>({ url, value: { data: null, problem: 'loading' } });
  useEffect(() => {
    if (!url) return;
    let live = true;
    setState({ url, value: { data: null, problem: 'loading' } });
    fetch(url, { headers: { accept: 'application/json' } })
      .then(async (res) => {
        const value: PublicState<T> = res.ok ? { data: (await res.json()) as T, problem: null } : { data: null, problem: res.status === 404 ? 'notFound' : 'network' };
        if (live) setState({ url, value });
      })
      .catch(() => live && setState({ url, value: { data: null, problem: 'network' } }));
    return () => {
      live = false;
    };
  }, [url]);
  return state.url === url ? state.value : { data: null, problem: 'loading' };
}
