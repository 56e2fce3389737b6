import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { BaseEntity } from '../../common/base.entity';
import { User } from '../user/user.entity';
import { ScoreEntry } from './score-entry.entity';

export enum RevisionRound {
  SELF = 'SELF',
  APPRAISAL_1 = 'APPRAISAL_1',
  EXPLANATION = 'EXPLANATION',
  APPRAISAL_2 = 'APPRAISAL_2',
}
registerEnumType(RevisionRound, { name: 'RevisionRound' });

/** The state of an entry's changed fields before or after a revision. */
export type RevisionSnapshot = Record<string, unknown>;

/** Append-only history of a score entry: who, when, old → new, which round. */
@ObjectType({ description: 'One change of a score entry (append-only).' })
@Entity()
@Index({ properties: ['entry', 'version'] })
export class ScoreRevision extends BaseEntity {
  @ManyToOne(() => ScoreEntry)
  entry!: ScoreEntry;

  @Index()
  @ManyToOne(() => User, { nullable: true })
  actor?: User | null;

  @Field(() => RevisionRound)
  @Enum({ items: () => RevisionRound, type: 'string' })
  round!: RevisionRound;

  @Field(() => Int, { description: 'The entry version this revision produced.' })
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => GraphQLJSON)
  @Property({ type: 'json' })
  old!: RevisionSnapshot;

  @Field(() => GraphQLJSON, { name: 'new' })
  @Property({ type: 'json', fieldName: 'new_value' })
  next!: RevisionSnapshot;
}
