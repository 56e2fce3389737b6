import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';

export enum UnitKind {
  DEPARTMENT = 'DEPARTMENT',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
  OTHER = 'OTHER',
}
registerEnumType(UnitKind, {
  name: 'UnitKind',
  description: 'DEPARTMENT = sở/ban/ngành, DISTRICT = huyện/thị xã/thành phố, COMMUNE = xã/phường/thị trấn',
});

/** An organization that scores itself (đơn vị). */
@ObjectType({ description: 'An organization that scores itself (đơn vị).' })
@Entity()
export class Unit extends BaseEntity {
  @Field(() => String)
  @Property({ type: 'string', length: 40, unique: true })
  code!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  name!: string;

  @Field(() => UnitKind)
  @Enum({ items: () => UnitKind, type: 'string' })
  kind!: UnitKind;

  /** exposed by a field resolver */
  @Index()
  @ManyToOne(() => Unit, { nullable: true })
  parent?: Unit | null;
}
