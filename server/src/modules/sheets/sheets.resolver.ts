import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { Framework } from '../framework/framework.entity';
import { Role } from '../user/user.entity';
import { ImportFrameworkSheetInput } from './sheets.input';
import { SheetsService } from './sheets.service';
import { audited, frameworkSummary } from '../audit/audit.service';

@Resolver()
export class SheetsResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => Framework, {
    description:
      'Imports a framework from a spreadsheet (XLSX or CSV) as a new DRAFT, like importFramework. A criterion’s parent is its code’s prefix; `options` holds the method’s options ("step=0.25"; "Đầy đủ=1; Một phần=0.5; Không=0"; "90=1; 70=0.5; 0=0"; "na"). BAD_USER_INPUT lists every problem with its row and column ("row 7, max_score"); nothing is written unless all is valid. An XLSX that unpacks to more than the server’s limits (parts, bytes, cells, memory, time) is refused before it is read.',
  })
  importFrameworkSheet(@Arg('input', () => ImportFrameworkSheetInput) input: ImportFrameworkSheetInput, @Ctx() ctx: Context): Promise<Framework> {
    return audited(ctx, (em) => new SheetsService(em).importFramework(input, {
      code: input.code,
      name: input.name,
      year: input.year,
      unitKind: input.unitKind,
      notApplicable: input.notApplicable ?? null,
      capTotal: input.capTotal ?? null,
      bands: input.bands,
    }, ctx.config.imports), { action: 'framework.importSheet', type: 'Framework', after: frameworkSummary });
  }
}
