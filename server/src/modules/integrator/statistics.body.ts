import express, { type RequestHandler } from 'express';
import { clock } from '../../common/clock';
import type { Config } from '../../config';
import type { Orm } from '../../orm';
import { ApiToken, TokenScope } from './api-token.entity';
import { hashSecret, isApiToken } from './api-token.auth';

/**
 * The JSON body parser of /graphql. A body is at most LIMIT_PAYLOAD_BYTES (1 MiB), except one
 * sent with a live API token of the STATISTICS scope, which may be up to
 * LIMIT_STATISTICS_PAYLOAD_BYTES (8 MiB): pushStatistics takes up to 10,000 figures in one call,
 * more than a megabyte with their source references. The token is looked up only for a body
 * declared larger than the usual limit, so other requests pay nothing; one without a
 * Content-Length gets the usual limit.
 */
export function graphqlBody(config: Config, orm: Orm): RequestHandler {
  const usual = express.json({ limit: config.limits.maxPayloadBytes });
  const bulk = express.json({ limit: Math.max(config.limits.statisticsPayloadBytes, config.limits.maxPayloadBytes) });
  return (req, res, next) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const secret = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!(declared > config.limits.maxPayloadBytes) || !secret || !isApiToken(secret)) return usual(req, res, next);
    statisticsToken(orm, secret).then((yes) => (yes ? bulk : usual)(req, res, next), next);
  };
}

async function statisticsToken(orm: Orm, secret: string): Promise<boolean> {
  const token = await orm.em.fork().findOne(ApiToken, { secretHash: hashSecret(secret) }, { disableIdentityMap: true });
  return !!token && !token.revokedAt && token.scope === TokenScope.STATISTICS && (!token.expiresAt || token.expiresAt.getTime() > clock.nowMs());
}
