import { Field, ID, InputType } from 'type-graphql';
import { Role } from './user.entity';

@InputType()
export class CreateUserInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'Required for LEADER and STAFF.' })
  unitId?: string | null;

  @Field(() => String, { description: 'At least 12 characters for an ADMIN, 10 for everyone else; not one of the most common passwords.' })
  password!: string;
}

@InputType()
export class UpdateUserInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => Role, { nullable: true })
  role?: Role | null;

  @Field(() => ID, { nullable: true, description: 'The unit (LEADER and STAFF); send null with another role.' })
  unitId?: string | null;
}
