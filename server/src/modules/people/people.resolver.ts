import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { publish } from '../assessment/assessment.publisher';
import { AssignmentService } from '../assignment/assignment.service';
import { audited } from '../audit/audit.service';
import { Role, User } from '../user/user.entity';
import { ImportPeopleSheetInput, PeopleImportResult } from './people.types';
import { PeopleService } from './people.service';

@Resolver()
export class PeopleResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => PeopleImportResult, {
    description:
      'Creates or updates units and users from spreadsheets (units: code, name, kind, parent; users: email, name, role, unit), all or nothing: BAD_USER_INPUT lists every problem by sheet, row and column ("users: row 7, role") and nothing is written. With dryRun: true it only says what would change (the preview). Units and people left out of the sheets are kept as they are; a new person has no password until an ADMIN gives them a reset code (resetPassword).',
  })
  async importPeopleSheet(@Arg('input', () => ImportPeopleSheetInput) input: ImportPeopleSheetInput, @Ctx() ctx: Context): Promise<PeopleImportResult> {
    const viewer = requireViewer(ctx.viewer);
    if (input.dryRun) return (await new PeopleService(ctx.em).import(input, viewer.id, ctx.config.imports)).result;
    const outcome = await audited(ctx, (em) => new PeopleService(em).import(input, viewer.id, ctx.config.imports), {
      action: 'people.import',
      type: 'PeopleImport',
      after: ({ result }) => ({
        units: result.units.filter((u) => u.action !== 'UNCHANGED').map((u) => ({ action: u.action, code: u.code, changed: u.changed })),
        users: result.users.filter((u) => u.action !== 'UNCHANGED').map((u) => ({ action: u.action, email: u.email, role: u.role, unit: u.unitCode, changed: u.changed })),
      }),
    });
    // access follows the person (as updateUser), in every process right after the commit; then a
    // moved person leaves the old unit's open assessments
    for (const id of outcome.updatedUserIds) await ctx.live.access.changed(id);
    for (const id of outcome.movedUserIds) {
      const user = await ctx.em.findOneOrFail(User, { id });
      for (const change of await new AssignmentService(ctx.em).endOutsideUnit(viewer, user)) {
        await publish(ctx, { assessment: change.assessment, kinds: ['ASSIGNED'], actor: viewer, entries: change.entries, progress: [] });
      }
    }
    return outcome.result;
  }
}
