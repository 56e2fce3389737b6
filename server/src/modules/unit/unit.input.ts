import { Field, ID, InputType } from 'type-graphql';
import { UnitKind } from './unit.entity';

@InputType()
export class CreateUnitInput {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => UnitKind)
  kind!: UnitKind;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;
}
