import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * One administrative action: who, when, from where, what, and the object before → after.
 * Append-only (no code path updates or deletes one; on PostgreSQL and SQLite a trigger refuses
 * it) and chained: `hash` is the SHA-256 of this record's canonical form, which includes the
 * previous record's hash (audit.chain.ts).
 */
@ObjectType({ description: 'An administrative action, as the audit log recorded it (append-only, hash-chained).' })
@Entity()
@Index({ properties: ['objectType', 'objectId'] })
export class AuditRecord {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => Int, { description: 'Position in the chain: 1, 2, 3… with no gap.' })
  @Property({ type: 'integer', unique: true })
  seq!: number;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  @Index()
  at!: Date;

  @Field(() => ID, { nullable: true, description: 'The user who acted (null for an API token).' })
  @Property({ type: 'string', length: 36, nullable: true })
  @Index()
  actorId!: string | null;

  @Field(() => String, { description: 'Who acted, as they were named then: an e-mail, or "token:" and the token’s name.' })
  @Property({ type: 'string', length: 320 })
  actorLabel!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  ip!: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  userAgent!: string | null;

  @Field(() => String, { description: 'What was done, e.g. "user.create", "period.setPhase".' })
  @Property({ type: 'string', length: 64 })
  @Index()
  action!: string;

  @Field(() => String, { description: 'The kind of object acted on: User, Unit, Framework, Period, Assessment, ApiToken.' })
  @Property({ type: 'string', length: 32 })
  objectType!: string;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'string', length: 36, nullable: true })
  objectId!: string | null;

  /** canonical JSON text (sorted keys), hashed as stored */
  @Property({ type: 'text', nullable: true })
  beforeJson!: string | null;

  @Property({ type: 'text', nullable: true })
  afterJson!: string | null;

  @Field(() => String, { description: 'SHA-256 of the previous record (64 zeros for the first).' })
  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  @Field(() => String, { description: 'SHA-256 of this record’s canonical form, previous hash included.' })
  @Property({ type: 'string', length: 64, unique: true })
  hash!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The object before the action (null when it was created).' })
  get before(): unknown {
    return this.beforeJson === null ? null : JSON.parse(this.beforeJson);
  }

  @Field(() => GraphQLJSON, { nullable: true, description: 'The object after the action.' })
  get after(): unknown {
    return this.afterJson === null ? null : JSON.parse(this.afterJson);
  }
}
