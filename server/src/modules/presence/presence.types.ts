import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Someone who has the assessment open.' })
export class PresenceMember {
  @Field(() => ID)
  userId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The criterion being edited, if any.' })
  criterionId!: string | null;

  @Field(() => String, { description: 'ISO 8601: when this presence lapses unless refreshed.' })
  expiresAt!: string;
}

@ObjectType({ description: 'Everyone in an assessment now (a full snapshot on every change).' })
export class PresenceEvent {
  @Field(() => ID)
  assessmentId!: string;

  @Field(() => [PresenceMember])
  members!: PresenceMember[];

  @Field(() => Boolean, {
    description:
      'True while the shared presence store does not answer: the members are only those known to the server you are connected to, and people connected elsewhere are missing.',
  })
  degraded!: boolean;
}
