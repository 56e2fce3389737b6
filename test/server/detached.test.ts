import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { detached, relationHeld, relationId } from '../../server/src/common/detached';
import { Assessment } from '../../server/src/modules/assessment/assessment.entity';
import { Progress } from '../../server/src/modules/assessment/progress.entity';
import { Criterion } from '../../server/src/modules/framework/criterion.entity';
import type { Em } from '../../server/src/orm';
import { openOrm, type Orm } from '../../server/src/orm';
import { createTestDb, type TestDb } from '../helpers/db';

/**
 * Detached entities (common/detached.ts) answer the hot paths: the ids of their relations are read
 * without the ORM making a reference (a save's answer and its access check read five of them),
 * and a relation the caller gave stays the object it gave.
 */
describe('detached entities', () => {
  let db: TestDb;
  let orm: Orm;
  beforeAll(async () => {
    db = await createTestDb();
    orm = await openOrm({ databaseUrl: db.databaseUrl, sqlitePath: db.sqlitePath });
  });
  afterAll(async () => {
    await orm.close(true);
    await db.drop();
  });

  const progressRow = (criterionId: string, assessmentId: string) => ({
    id: randomUUID(),
    created_at: new Date(),
    updated_at: new Date(),
    assessment_id: assessmentId,
    criterion_id: criterionId,
    score_h: 150,
    leaves: 3,
  });
  const references = (em: Em) => em.getUnitOfWork().getIdentityMap().values().length;

  it("should give a relation's id without making a reference, and the same id as the relation's reference gives", () => {
    const em = orm.em.fork() as Em;
    const criterionId = randomUUID();
    const assessmentId = randomUUID();
    const p = detached(em, Progress, progressRow(criterionId, assessmentId));
    expect(p.criterionId).toBe(criterionId);
    expect(relationId(p, 'assessment')).toBe(assessmentId);
    expect(relationHeld(p, 'assessment')).toBeNull();
    expect(references(em)).toBe(0);
    // reading the relation itself still gives the ORM's reference, with the same id
    expect(p.criterion.id).toBe(criterionId);
    expect(references(em)).toBe(1);
  });

  it('should give the entity a caller holds for a relation, and its id', () => {
    const em = orm.em.fork() as Em;
    const assessment = em.getReference(Assessment, randomUUID());
    const p = detached(em, Progress, progressRow(randomUUID(), assessment.id), '', { assessment });
    expect(relationHeld(p, 'assessment')).toBe(assessment);
    expect(relationId(p, 'assessment')).toBe(assessment.id);
  });

  it('should read the ids of a managed entity as its references give them, and null for none', () => {
    const em = orm.em.fork() as Em;
    const criterion = em.getReference(Criterion, randomUUID());
    const managed = em.create(Criterion, { code: '1', name: 'Tiêu chí', parent: criterion } as never, { persist: false });
    expect(relationId(managed, 'parent')).toBe(criterion.id);
    expect(relationId(criterion, 'parent')).toBeNull();
  });
});
