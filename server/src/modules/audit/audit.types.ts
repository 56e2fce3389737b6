import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AuditRecord } from './audit-record.entity';

@InputType({ description: 'Which records of the audit log: every given condition holds.' })
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: 'e.g. "user.create", "period.setPhase"' })
  action?: string | null;

  @Field(() => ID, { nullable: true, description: 'The user who acted.' })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'User, Unit, Framework, Period, Assessment, ApiToken' })
  objectType?: string | null;

  @Field(() => ID, { nullable: true })
  objectId?: string | null;

  @Field(() => Date, { nullable: true, description: 'At or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before this time.' })
  to?: Date | null;
}

@ObjectType()
export class AuditLogEdge {
  @Field(() => AuditRecord)
  node!: AuditRecord;

  @Field(() => String)
  cursor!: string;
}

@ObjectType()
export class AuditLogPageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
}

@ObjectType({ description: 'A page of the audit log, newest first.' })
export class AuditLogConnection {
  @Field(() => [AuditLogEdge])
  edges!: AuditLogEdge[];

  @Field(() => AuditLogPageInfo)
  pageInfo!: AuditLogPageInfo;

  @Field(() => Int, { description: 'Records matching the filter, on every page.' })
  totalCount!: number;
}
