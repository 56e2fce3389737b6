import jwt from 'jsonwebtoken';
import { PasswordReset } from '../../server/src/modules/user/password-reset.entity';
import type { Em } from '../../server/src/orm';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { connect, eventually, type LiveClient } from '../helpers/socket';
import { buildWorld, PASSWORD, type World } from '../helpers/world';

/**
 * Tokens must expire; passwords follow a policy when they are set; a person can change their
 * password, which ends their other sessions and sockets; an ADMIN can hand out a one-time,
 * expiring code with which the person sets a new one.
 */
const LOGIN = `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`;
const CREATE = `mutation($i:CreateUserInput!){createUser(input:$i){id}}`;
const CHANGE = `mutation($c:String!,$n:String!){changePassword(currentPassword:$c,newPassword:$n){token expiresAt user{id}}}`;
const RESET = `mutation($id:ID!){resetPassword(userId:$id){code expiresAt user{id}}}`;
const COMPLETE = `mutation($c:String!,$n:String!){completePasswordReset(code:$c,newPassword:$n)}`;
const EVENTS = `subscription($id:ID!){assessmentEvents(assessmentId:$id){seq}}`;

describe('tokens, password policy and password changes', () => {
  let t: TestApp;
  let w: World;
  const clients: LiveClient[] = [];
  const login = async (email: string, password: string) => (await gql(t.url, LOGIN, { e: email, p: password })).data?.login?.token as string | undefined;
  const problems = (r: any) => ({ code: r.errors?.[0]?.extensions?.code, paths: (r.errors?.[0]?.extensions?.problems ?? []).map((p: any) => p.path) });

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await t?.close();
  });

  describe('tokens', () => {
    it('should refuse a correctly signed token without exp, on HTTP and on the socket', async () => {
      const id = (await ok(t.url, `{ me { id } }`, {}, w.tokens.staffA)).me.id;
      const forever = jwt.sign({}, t.config.tokenSecret, { algorithm: 'HS256', subject: id });
      expect((await gql(t.url, `{ me { id } }`, {}, forever)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const c = connect(t.url, forever);
      clients.push(c);
      const closes: number[] = [];
      c.client.on('closed', (e: any) => closes.push(e.code));
      c.subscribe(EVENTS, { id: w.assessmentA });
      await eventually(() => closes.length > 0, 5000, 'the socket to be refused');
      expect(closes[0]).toBe(4403);
    });
  });

  describe('password policy', () => {
    const user = (email: string, role: string, password: string, unitId: string | null = null) =>
      gql(t.url, CREATE, { i: { email, name: email, role, unitId, password } }, w.tokens.admin);

    it('should refuse an ADMIN password shorter than 12 characters, or a common one, with BAD_USER_INPUT', async () => {
      expect(problems(await user('a1@test', 'ADMIN', '12345678'))).toEqual({ code: 'BAD_USER_INPUT', paths: ['password'] });
      expect(problems(await user('a1@test', 'ADMIN', 'k7#Vq9!mZ2x'))).toEqual({ code: 'BAD_USER_INPUT', paths: ['password'] }); // 11
      expect(problems(await user('a1@test', 'ADMIN', 'password1234'))).toEqual({ code: 'BAD_USER_INPUT', paths: ['password'] }); // common
      expect((await user('a1@test', 'ADMIN', 'k7#Vq9!mZ2xw')).errors).toBeUndefined(); // 12
      expect(await login('a1@test', 'k7#Vq9!mZ2xw')).toBeTruthy();
    });

    it('should ask 10 characters of everyone else, and refuse the most common passwords whatever their case', async () => {
      expect(problems(await user('v1@test', 'VIEWER', 'k7#Vq9!mZ'))).toEqual({ code: 'BAD_USER_INPUT', paths: ['password'] }); // 9
      expect(problems(await user('v1@test', 'VIEWER', 'QwertyUiop'))).toEqual({ code: 'BAD_USER_INPUT', paths: ['password'] }); // common
      expect(problems(await user('v1@test', 'VIEWER', '1234567890'))).toEqual({ code: 'BAD_USER_INPUT', paths: ['password'] }); // common
      expect((await user('v1@test', 'VIEWER', 'k7#Vq9!mZ2')).errors).toBeUndefined(); // 10
      expect((await ok(t.url, `{ users { email } }`, {}, w.tokens.admin)).users.filter((u: any) => u.email === 'v1@test')).toHaveLength(1);
    });
  });

  describe('changePassword', () => {
    it('should refuse a wrong current password or a weak new one, and change nothing', async () => {
      expect(problems(await gql(t.url, CHANGE, { c: 'not-the-password', n: 'a-good-new-pass-1' }, w.tokens.leaderB))).toEqual({ code: 'BAD_USER_INPUT', paths: ['currentPassword'] });
      expect(problems(await gql(t.url, CHANGE, { c: PASSWORD, n: 'short' }, w.tokens.leaderB))).toEqual({ code: 'BAD_USER_INPUT', paths: ['newPassword'] });
      expect(problems(await gql(t.url, CHANGE, { c: PASSWORD, n: 'iloveyou123' }, w.tokens.leaderB))).toEqual({ code: 'BAD_USER_INPUT', paths: ['newPassword'] });
      expect((await gql(t.url, `{ me { id } }`, {}, w.tokens.leaderB)).errors).toBeUndefined();
      expect(await login('leader.b@test', PASSWORD)).toBeTruthy();
    });

    it('should end every other session and socket of the person, and sign the caller in anew', async () => {
      const other = (await login('staff.b@test', PASSWORD))!;
      const c = connect(t.url, other);
      clients.push(c);
      const closes: { code: number; reason: string }[] = [];
      c.client.on('closed', (e: any) => closes.push({ code: e.code, reason: e.reason }));
      c.subscribe(EVENTS, { id: w.assessmentB });
      await eventually(() => t.app.live.hub.liveSubscriptionCount >= 1, 5000, 'the subscription');
      const keeper = connect(t.url, w.tokens.leaderB); // someone else's socket stays
      clients.push(keeper);
      const keeperCloses: number[] = [];
      keeper.client.on('closed', (e: any) => keeperCloses.push(e.code));
      keeper.subscribe(EVENTS, { id: w.assessmentB });
      await eventually(() => t.app.live.hub.liveSubscriptionCount >= 2, 5000, 'the second subscription');

      const changed = await ok(t.url, CHANGE, { c: PASSWORD, n: 'a-good-new-pass-1' }, w.tokens.staffB);
      await eventually(() => closes.length === 1, 5000, 'the other session’s socket to close');
      expect(closes[0]).toEqual({ code: 4401, reason: 'Unauthorized: session ended' });
      for (const old of [other, w.tokens.staffB]) expect((await gql(t.url, `{ me { id } }`, {}, old)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await ok(t.url, `{ me { id } }`, {}, changed.changePassword.token)).me.id).toBe(changed.changePassword.user.id);
      expect(await login('staff.b@test', PASSWORD)).toBeUndefined();
      expect(await login('staff.b@test', 'a-good-new-pass-1')).toBeTruthy();
      expect(keeperCloses).toEqual([]);
    });
  });

  describe('resetPassword', () => {
    it('should be for ADMINs only', async () => {
      for (const who of ['leaderA', 'staffA', 'viewer', 'appraiser'] as const) {
        expect((await gql(t.url, RESET, { id: w.userIds.staffA2 }, w.tokens[who])).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('should give a one-time code that sets a new password once and ends the person’s sessions', async () => {
      const before = (await login('staff2.a@test', PASSWORD))!;
      const { code, expiresAt } = (await ok(t.url, RESET, { id: w.userIds.staffA2 }, w.tokens.admin)).resetPassword;
      expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
      // a password the policy refuses leaves the code usable
      expect(problems(await gql(t.url, COMPLETE, { c: code, n: 'abc' }))).toEqual({ code: 'BAD_USER_INPUT', paths: ['newPassword'] });
      expect((await ok(t.url, COMPLETE, { c: code, n: 'reset-pass-12345' })).completePasswordReset).toBe(true);
      expect((await gql(t.url, `{ me { id } }`, {}, before)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(await login('staff2.a@test', 'reset-pass-12345')).toBeTruthy();
      // once only
      expect(problems(await gql(t.url, COMPLETE, { c: code, n: 'another-pass-12345' }))).toEqual({ code: 'BAD_USER_INPUT', paths: ['code'] });
      expect(await login('staff2.a@test', 'another-pass-12345')).toBeUndefined();
    });

    it('should refuse an expired code, a superseded code and a made-up one', async () => {
      const first = (await ok(t.url, RESET, { id: w.userIds.viewer }, w.tokens.admin)).resetPassword.code;
      const second = (await ok(t.url, RESET, { id: w.userIds.viewer }, w.tokens.admin)).resetPassword.code;
      expect(problems(await gql(t.url, COMPLETE, { c: first, n: 'viewer-pass-12345' }))).toEqual({ code: 'BAD_USER_INPUT', paths: ['code'] });
      const em = t.orm.em.fork() as Em;
      await em.nativeUpdate(PasswordReset, { user: w.userIds.viewer, usedAt: null }, { expiresAt: new Date(Date.now() - 1000) });
      expect(problems(await gql(t.url, COMPLETE, { c: second, n: 'viewer-pass-12345' }))).toEqual({ code: 'BAD_USER_INPUT', paths: ['code'] });
      expect(problems(await gql(t.url, COMPLETE, { c: 'rst_madeup', n: 'viewer-pass-12345' }))).toEqual({ code: 'BAD_USER_INPUT', paths: ['code'] });
      expect(await login('viewer@test', PASSWORD)).toBeTruthy();
    });
  });
});
