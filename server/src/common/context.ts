import type { Config } from '../config';
import type { Live } from '../live/live';
import type { LoginGuard } from '../modules/user/login-guard';
import type { Em } from '../orm';
import type { Logger } from './logger';
import type { Viewer } from './auth';

/** What every resolver gets: its own entity-manager fork and who is asking. */
export interface Context {
  em: Em;
  viewer: Viewer | null;
  config: Config;
  log: Logger;
  live: Live;
  /** sign-in protection, shared by every request of the process */
  loginGuard: LoginGuard;
  /** the caller's address, for sign-in protection and logs */
  ip: string;
  /** the caller's User-Agent header (HTTP), for the audit log */
  userAgent?: string;
  /** a new entity manager, for work outside this operation (re-checking a live stream's access) */
  fork(): Em;
}
