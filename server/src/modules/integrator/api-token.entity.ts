import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { User } from '../user/user.entity';

export enum TokenScope {
  READ = 'READ',
  STATISTICS = 'STATISTICS',
}
registerEnumType(TokenScope, {
  name: 'TokenScope',
  description: 'READ: query results. STATISTICS: also push the figures of RATIO and RELATIVE indicators.',
});

/** An integrator's API token; only its hash is kept. */
@ObjectType({ description: 'An API token for another system; the secret is shown once, at issue.' })
@Entity()
export class ApiToken extends BaseEntity {
  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => TokenScope)
  @Enum({ items: () => TokenScope, type: 'string' })
  scope!: TokenScope;

  /** SHA-256 of the secret */
  @Property({ type: 'string', length: 64, unique: true })
  secretHash!: string;

  @Field(() => String, { description: 'The first characters of the token, to recognize it.' })
  @Property({ type: 'string', length: 16 })
  prefix!: string;

  @Index()
  @ManyToOne(() => User, { nullable: true })
  createdBy?: User | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'After this the token is refused; its creator is told before (TOKEN_EXPIRING).' })
  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;
}
