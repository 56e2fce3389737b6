import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { load } from '../../common/load';
import { publish } from '../assessment/assessment.publisher';
import { Role, User } from '../user/user.entity';
import { ApiToken, TokenScope } from './api-token.entity';
import { ApiTokenService } from './api-token.service';
import { IssuedApiToken, PushStatisticInput, PushStatisticPayload } from './integrator.input';
import { StatisticService } from './statistic.service';
import { PushStatisticsInput, PushStatisticsPayload } from './statistics.input';
import { StatisticsService } from './statistics.service';
import { audited, current } from '../audit/audit.service';

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @Authorized(Role.ADMIN)
  @Query(() => [ApiToken], { description: 'Every API token, newest first (never the secrets).' })
  apiTokens(@Ctx() ctx: Context): Promise<ApiToken[]> {
    return new ApiTokenService(ctx.em).list();
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => IssuedApiToken, {
    description: 'Issues an API token for another system. The secret (cdk_…) is returned this once; only its hash is kept. READ: queries only; STATISTICS: also pushStatistic.',
  })
  issueApiToken(
    @Arg('name', () => String, { description: 'Who it is for; pushed figures show it as their source.' }) name: string,
    @Arg('scope', () => TokenScope) scope: TokenScope,
    @Ctx() ctx: Context,
    @Arg('expiresAt', () => Date, { nullable: true, description: 'After this the token is refused; its issuer is told TOKEN_EXPIRING_NOTICE_DAYS before. Unset: no expiry.' }) expiresAt?: Date | null,
  ): Promise<IssuedApiToken> {
    return audited(ctx, (em) => new ApiTokenService(em).issue(requireViewer(ctx.viewer), name, scope, expiresAt ?? null), { action: 'apiToken.issue', type: 'ApiToken', after: (r) => r.token });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ApiToken, { description: 'Revokes a token: its next request is UNAUTHENTICATED, and its open sockets close at once (4403 "Forbidden: token revoked").' })
  async revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ApiToken> {
    const token = await audited(ctx, (em) => new ApiTokenService(em).revoke(id), { action: 'apiToken.revoke', type: 'ApiToken', id, before: current(ApiToken, id) });
    await ctx.live.access.tokenRevoked(token.id);
    return token;
  }

  @Authorized()
  @Mutation(() => PushStatisticPayload, {
    description:
      'An API token with the STATISTICS scope pushes a unit’s figure for a RATIO (numerator, denominator) or RELATIVE (figure) indicator. Scored like a self save, recorded with the token’s name as its source. PHASE_CLOSED outside SELF_ASSESSMENT or once submitted; BAD_USER_INPUT for other methods.',
  })
  async pushStatistic(@Arg('input', () => PushStatisticInput) input: PushStatisticInput, @Ctx() ctx: Context): Promise<PushStatisticPayload> {
    const viewer = requireViewer(ctx.viewer);
    const result = await new StatisticService(ctx.em).push(viewer, input);
    await publish(ctx, result.facts);
    return result;
  }

  @Authorized()
  @Mutation(() => PushStatisticsPayload, {
    description:
      'An API token with the STATISTICS scope pushes many figures of one period at once, all or nothing: BAD_USER_INPUT lists every problem by its index (figures[3].denominator). A figure for a unit still in self-assessment is written as its self score; one that arrives after the unit submitted, or during appraisal, is kept beside the unit’s own as the council’s source figure (ScoreEntry.sourceFigure). A retried call with the same idempotencyKey is answered as before (replayed: true) and counts nothing twice.',
  })
  async pushStatistics(@Arg('input', () => PushStatisticsInput) input: PushStatisticsInput, @Ctx() ctx: Context): Promise<PushStatisticsPayload> {
    const viewer = requireViewer(ctx.viewer);
    const result = await new StatisticsService(ctx.em).push(viewer, input);
    await publish(ctx, result.facts);
    return result.payload;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The administrator who issued it.' })
  createdBy(@Root() token: ApiToken): Promise<User | null> {
    return load(token.createdBy);
  }
}
