import { Field, Float, InputType, Int } from 'type-graphql';
import { NotApplicableMode } from '../framework/framework.entity';
import { UnitKind } from '../unit/unit.entity';
import { SheetFormat } from './workbook';

@InputType({ description: 'A classification band: the first band whose minPercent ≤ index × 100.' })
export class BandInput {
  @Field(() => String)
  label!: string;

  @Field(() => Float)
  minPercent!: number;
}

@InputType({
  description:
    'A framework sheet: the first worksheet (XLSX) or the file (CSV) with a header row naming the columns code, title, max_score, method, options, guidance, evidence_required; the rest of the framework is given here.',
})
export class ImportFrameworkSheetInput {
  @Field(() => String, { description: 'The file, base64 encoded.' })
  fileBase64!: string;

  @Field(() => SheetFormat)
  format!: SheetFormat;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => UnitKind)
  unitKind!: UnitKind;

  @Field(() => NotApplicableMode, { nullable: true, description: 'Default RESCALE.' })
  notApplicable?: NotApplicableMode | null;

  @Field(() => Boolean, { nullable: true, description: 'Cap the total at the framework max (default false: the sum of the top-level groups, uncapped).' })
  capTotal?: boolean | null;

  @Field(() => [BandInput])
  bands!: BandInput[];
}
