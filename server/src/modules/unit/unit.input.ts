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

@InputType({ description: 'What to change of a unit; a field left out stays as it is (parentId: null makes it top-level).' })
export class UpdateUnitInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => UnitKind, { nullable: true, description: 'Fixed once the unit takes part in a period.' })
  kind?: UnitKind | null;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;
}
