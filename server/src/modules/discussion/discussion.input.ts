import { Field, ID, InputType } from 'type-graphql';
import { CommentKind } from './discussion-comment.entity';

@InputType()
export class PostCommentInput {
  @Field(() => ID)
  assessmentId!: string;

  @Field(() => ID, { description: 'A leaf criterion: the thread is its score entry’s.' })
  criterionId!: string;

  @Field(() => String, { description: '1–5000 characters; "@e-mail" mentions a person who may see the entry.' })
  body!: string;

  @Field(() => CommentKind, { defaultValue: CommentKind.NOTE, description: 'QUESTION, ANSWER or NOTE.' })
  kind!: CommentKind;
}
