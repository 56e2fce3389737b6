import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UnitKind } from '../unit/unit.entity';
import { Role } from '../user/user.entity';
import { SheetFormat } from '../sheets/workbook';

export enum ImportAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(ImportAction, { name: 'ImportAction', description: 'What an import does (or would do) to one row’s unit or person.' });

@InputType({ description: 'One spreadsheet: the first worksheet (XLSX) or the file (CSV, UTF-8), its first row naming the columns.' })
export class SheetFileInput {
  @Field(() => String, { description: 'The file, base64 encoded.' })
  fileBase64!: string;

  @Field(() => SheetFormat)
  format!: SheetFormat;
}

@InputType()
export class ImportPeopleSheetInput {
  @Field(() => SheetFileInput, { nullable: true, description: 'Units: code, name, kind, parent (a unit code).' })
  units?: SheetFileInput | null;

  @Field(() => SheetFileInput, { nullable: true, description: 'Users: email, name, role, unit (a unit code; for LEADER and STAFF only).' })
  users?: SheetFileInput | null;

  @Field(() => Boolean, { nullable: true, description: 'True: check everything and say what would change, writing nothing (the preview).' })
  dryRun?: boolean | null;
}

@ObjectType({ description: 'A unit row of a people import.' })
export class UnitImportRow {
  @Field(() => Int)
  row!: number;

  @Field(() => ImportAction)
  action!: ImportAction;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => UnitKind)
  kind!: UnitKind;

  @Field(() => String, { nullable: true })
  parentCode!: string | null;

  @Field(() => [String], { description: 'The fields an UPDATE changes (name, kind, parent).' })
  changed!: string[];
}

@ObjectType({ description: 'A user row of a people import.' })
export class UserImportRow {
  @Field(() => Int)
  row!: number;

  @Field(() => ImportAction)
  action!: ImportAction;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { nullable: true })
  unitCode!: string | null;

  @Field(() => [String], { description: 'The fields an UPDATE changes (name, role, unit).' })
  changed!: string[];
}

@ObjectType({ description: 'What a people import changed, or (dryRun) would change.' })
export class PeopleImportResult {
  @Field(() => Boolean, { description: 'False for a preview (dryRun): nothing was written.' })
  applied!: boolean;

  @Field(() => [UnitImportRow])
  units!: UnitImportRow[];

  @Field(() => [UserImportRow])
  users!: UserImportRow[];

  @Field(() => Int)
  unitsCreated!: number;

  @Field(() => Int)
  unitsUpdated!: number;

  @Field(() => Int)
  usersCreated!: number;

  @Field(() => Int)
  usersUpdated!: number;
}
