import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { Role } from '../user/user.entity';
import { AuditService } from './audit.service';
import { AuditLogConnection, AuditLogFilter } from './audit.types';

@Resolver()
export class AuditResolver {
  @Authorized(Role.ADMIN)
  @Query(() => AuditLogConnection, {
    description:
      'The audit log of administrative actions, newest first: `first` (1–100) records after the cursor `after`, filtered. ADMIN only. The same records as CSV: GET /export/audit-log.csv (same filter as query parameters).',
  })
  auditLog(
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter: AuditLogFilter | null,
    @Ctx() ctx: Context,
  ): Promise<AuditLogConnection> {
    return new AuditService(ctx.em).page(first, after, filter);
  }
}
