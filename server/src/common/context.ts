import type { Config } from '../config';
import type { Live } from '../live/live';
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
  /** a new entity manager, for work outside this operation (re-checking a live stream's access) */
  fork(): Em;
}
