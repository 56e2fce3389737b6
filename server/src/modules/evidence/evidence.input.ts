import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A link as evidence (tài liệu kiểm chứng): a page, a shared folder, a published decision.' })
export class AttachEvidenceLinkInput {
  @Field(() => ID)
  assessmentId!: string;

  @Field(() => ID, { description: 'A leaf criterion of the assessment’s framework.' })
  criterionId!: string;

  @Field(() => String, { description: 'http:// or https:// only, at most 2000 characters.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What the link shows, at most 300 characters; the URL when omitted.' })
  title?: string | null;
}
