import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { User } from './user.entity';

/**
 * A one-time code an ADMIN issued so that a person can set a new password (resetPassword). Only
 * the code's SHA-256 is kept; it expires, and is used once (usedAt).
 */
@Entity()
export class PasswordReset extends BaseEntity {
  @Index()
  @ManyToOne(() => User)
  user!: User;

  /** SHA-256 of the code, hex */
  @Property({ type: 'string', length: 64, unique: true })
  codeHash!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date | null;

  /** the ADMIN who issued it */
  @Index()
  @ManyToOne(() => User, { nullable: true })
  createdBy?: User | null;
}
