import type { Em } from '../../orm';
import { CouncilMember } from './council-member.entity';

/** Whether a period is council-run: some unit of it has a council (access.ts, "Councils"). */
export async function councilRuns(em: Em, periodId: string): Promise<boolean> {
  return (await em.count(CouncilMember, { period: periodId })) > 0;
}
