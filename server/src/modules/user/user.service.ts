import { signToken, type Viewer } from '../../common/auth';
import { badInput, notFound, Problem, unauthenticated } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Config } from '../../config';
import type { Em } from '../../orm';
import { Unit } from '../unit/unit.entity';
import type { AuthPayload } from './auth-payload';
import type { LoginGuard } from './login-guard';
import { decoyHash, hashPassword, verifyPassword } from './password';
import { passwordProblems } from './password-policy';
import { Role, UNIT_ROLES, User } from './user.entity';
import type { CreateUserInput, UpdateUserInput } from './user.input';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,185}$/;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export class UserService {
  constructor(
    private readonly em: Em,
    private readonly config: Config,
  ) {}

  /** Signs in; every attempt is counted per account and address before its password is checked (see LoginGuard). */
  async login(email: string, password: string, guard: LoginGuard, ip: string): Promise<AuthPayload> {
    const attempt = await guard.attempt(normalizeEmail(email).slice(0, 254), ip);
    let user: User | null;
    let ok: boolean;
    try {
      user = await this.em.findOne(User, { email: normalizeEmail(email) }, { populate: ['passwordHash'] });
      const hash = user?.passwordHash ?? (await decoyHash(this.config.passwordHashMemoryKiB));
      ok = password.length <= 1000 && (await verifyPassword(hash, password)) && user !== null && user.active;
    } catch (e) {
      await attempt.undecided().catch(() => undefined);
      throw e;
    }
    if (!ok || !user) throw unauthenticated('Wrong e-mail or password, or the account is disabled.');
    await attempt.succeeded();
    return { ...signToken(this.config, user.id, user.sessionEpoch), user };
  }

  me(viewer: Viewer): Promise<User | null> {
    return this.em.findOne(User, { id: viewer.id });
  }

  /** ADMIN sees everyone; a LEADER sees the people of the unit; others see themselves. */
  list(viewer: Viewer): Promise<User[]> {
    const where =
      viewer.role === Role.ADMIN ? {} : viewer.role === Role.LEADER && viewer.unitId ? { unit: viewer.unitId } : { id: viewer.id };
    return this.em.find(User, where, { orderBy: { name: 'asc' } });
  }

  async create(input: CreateUserInput): Promise<User> {
    const problems: Problem[] = [];
    const email = normalizeEmail(input.email);
    const name = input.name.trim();
    if (!EMAIL.test(email)) problems.push({ path: 'email', message: 'is not an e-mail address', code: 'INVALID_EMAIL', params: { value: input.email } });
    if (name.length === 0 || name.length > 200) problems.push({ path: 'name', message: 'must be 1–200 characters', code: name.length ? 'TOO_LONG' : 'REQUIRED', params: { field: 'name', max: 200 } });
    problems.push(...passwordProblems(input.password, input.role));
    let unit: Unit | null = null;
    if (UNIT_ROLES.includes(input.role)) {
      if (input.unitId == null) problems.push({ path: 'unitId', message: `a ${input.role} belongs to a unit`, code: 'ROLE_UNIT_MISMATCH', params: { role: input.role } });
      else {
        unit = await this.em.findOne(Unit, { id: assertId(input.unitId, 'Unit') });
        if (!unit) problems.push({ path: 'unitId', message: 'no such unit', code: 'UNKNOWN_REFERENCE', params: { field: 'unitId', value: input.unitId } });
      }
    } else if (input.unitId != null) {
      problems.push({ path: 'unitId', message: `a ${input.role} does not belong to a unit`, code: 'ROLE_UNIT_MISMATCH', params: { role: input.role } });
    }
    if (problems.length === 0 && (await this.em.count(User, { email }))) problems.push({ path: 'email', message: 'is taken', code: 'TAKEN', params: { field: 'email', value: email } });
    if (problems.length) throw badInput(problems);
    return this.insert({ email, name, role: input.role, unit, password: input.password });
  }

  /** Creates a user without the checks of `create` (seeders and the first admin). */
  async insert(u: { email: string; name: string; role: Role; unit: Unit | null; password: string }): Promise<User> {
    const user = this.em.create(User, {
      email: normalizeEmail(u.email),
      name: u.name,
      role: u.role,
      unit: u.unit,
      passwordHash: await hashPassword(u.password, this.config.passwordHashMemoryKiB),
      active: true,
    } as never);
    await this.em.flush();
    return user;
  }

  /** Name, role and unit; the result must still be coherent (LEADER/STAFF with a unit, others without). */
  async update(id: string, input: UpdateUserInput): Promise<User> {
    const user = await this.em.findOne(User, { id: assertId(id, 'User') });
    if (!user) throw notFound('User', id);
    const problems: Problem[] = [];
    const role = input.role ?? user.role;
    let unit: Unit | null = user.unit ?? null;
    if (input.unitId !== undefined) {
      unit = input.unitId != null ? await this.em.findOne(Unit, { id: assertId(input.unitId, 'Unit') }) : null;
      if (input.unitId != null && !unit) problems.push({ path: 'unitId', message: 'no such unit', code: 'UNKNOWN_REFERENCE', params: { field: 'unitId', value: input.unitId } });
    }
    if (UNIT_ROLES.includes(role) && !unit) problems.push({ path: 'unitId', message: `a ${role} belongs to a unit`, code: 'ROLE_UNIT_MISMATCH', params: { role } });
    if (!UNIT_ROLES.includes(role) && unit) problems.push({ path: 'unitId', message: `a ${role} does not belong to a unit`, code: 'ROLE_UNIT_MISMATCH', params: { role } });
    const name = input.name?.trim();
    if (name !== undefined && (name.length === 0 || name.length > 200)) problems.push({ path: 'name', message: 'must be 1–200 characters', code: name.length ? 'TOO_LONG' : 'REQUIRED', params: { field: 'name', max: 200 } });
    if (problems.length) throw badInput(problems);
    user.role = role;
    user.unit = unit;
    if (name) user.name = name;
    await this.em.flush();
    return user;
  }

  async setActive(id: string, active: boolean, viewer: Viewer): Promise<User> {
    const user = await this.em.findOne(User, { id: assertId(id, 'User') });
    if (!user) throw notFound('User', id);
    if (user.id === viewer.id && !active) throw badInput([{ path: 'id', message: 'you cannot disable yourself', code: 'OWN_ACCOUNT' }]);
    user.active = active;
    await this.em.flush();
    return user;
  }
}

