import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000Initial } from './Migration20261122000000Initial';
import { Migration20261122100000Results } from './Migration20261122100000Results';

/** Every migration in order; listed here so that compiled and test code find the same set. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261122000000Initial', class: Migration20261122000000Initial },
  { name: 'Migration20261122100000Results', class: Migration20261122100000Results },
];
