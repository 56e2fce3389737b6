import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000Initial } from './Migration20261122000000Initial';
import { Migration20261122100000Results } from './Migration20261122100000Results';
import { Migration20261201000000ParentIndex } from './Migration20261201000000ParentIndex';
import { Migration20261202000000Sessions } from './Migration20261202000000Sessions';
import { Migration20261202010000CapTotal } from './Migration20261202010000CapTotal';
import { Migration20261202020000AuditLog } from './Migration20261202020000AuditLog';
import { Migration20261202030000DeadlinesNotificationsOutbox } from './Migration20261202030000DeadlinesNotificationsOutbox';
import { Migration20261202040000Councils } from './Migration20261202040000Councils';
import { Migration20261202050000AllowAboveFull } from './Migration20261202050000AllowAboveFull';
import { Migration20261202060000RelativeIndex } from './Migration20261202060000RelativeIndex';
import { Migration20261202070000Statistics } from './Migration20261202070000Statistics';
import { Migration20261202080000Webhooks } from './Migration20261202080000Webhooks';
import { Migration20261202090000PublishedAt } from './Migration20261202090000PublishedAt';
import { Migration20261203000000EvidenceStore } from './Migration20261203000000EvidenceStore';
import { Migration20261203010000ForeignKeyIndexes } from './Migration20261203010000ForeignKeyIndexes';

/** Every migration in order; listed here so that compiled and test code find the same set. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261122000000Initial', class: Migration20261122000000Initial },
  { name: 'Migration20261122100000Results', class: Migration20261122100000Results },
  { name: 'Migration20261201000000ParentIndex', class: Migration20261201000000ParentIndex },
  { name: 'Migration20261202000000Sessions', class: Migration20261202000000Sessions },
  { name: 'Migration20261202010000CapTotal', class: Migration20261202010000CapTotal },
  { name: 'Migration20261202020000AuditLog', class: Migration20261202020000AuditLog },
  { name: 'Migration20261202030000DeadlinesNotificationsOutbox', class: Migration20261202030000DeadlinesNotificationsOutbox },
  { name: 'Migration20261202040000Councils', class: Migration20261202040000Councils },
  { name: 'Migration20261202050000AllowAboveFull', class: Migration20261202050000AllowAboveFull },
  { name: 'Migration20261202060000RelativeIndex', class: Migration20261202060000RelativeIndex },
  { name: 'Migration20261202070000Statistics', class: Migration20261202070000Statistics },
  { name: 'Migration20261202080000Webhooks', class: Migration20261202080000Webhooks },
  { name: 'Migration20261202090000PublishedAt', class: Migration20261202090000PublishedAt },
  { name: 'Migration20261203000000EvidenceStore', class: Migration20261203000000EvidenceStore },
  { name: 'Migration20261203010000ForeignKeyIndexes', class: Migration20261203010000ForeignKeyIndexes },
];
