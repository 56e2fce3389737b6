import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Unit } from '../unit/unit.entity';

export enum Role {
  ADMIN = 'ADMIN',
  LEADER = 'LEADER',
  STAFF = 'STAFF',
  APPRAISER = 'APPRAISER',
  VIEWER = 'VIEWER',
}
registerEnumType(Role, { name: 'Role' });

/** Roles that belong to a unit and act only on its assessments. */
export const UNIT_ROLES: readonly Role[] = [Role.LEADER, Role.STAFF];

@ObjectType()
@Entity()
export class User extends BaseEntity {
  @Field(() => String)
  @Property({ type: 'string', length: 254, unique: true })
  email!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => Role)
  @Enum({ items: () => Role, type: 'string' })
  role!: Role;

  /** LEADER and STAFF belong to a unit; exposed by a field resolver */
  @Index()
  @ManyToOne(() => Unit, { nullable: true })
  unit?: Unit | null;

  /** argon2id; never leaves the server (no @Field) */
  @Property({ type: 'string', length: 200, lazy: true, hidden: true })
  passwordHash!: string;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  active: boolean = true;

  /**
   * Sign-in tokens carry the epoch they were issued in; raising it (a password change or reset)
   * ends every session issued before. Never leaves the server.
   */
  @Property({ type: 'integer', default: 0 })
  sessionEpoch: number = 0;
}
