import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { badInput, InputProblems, notFound, phaseClosed } from '../../common/errors';
import type { Em } from '../../orm';
import { UnitKind } from '../unit/unit.entity';
import { Criterion, ScoringMethod } from './criterion.entity';
import { parseFrameworkDocument, type FrameworkDocument } from './framework.document';
import { Framework, FrameworkStatus, NotApplicableMode } from './framework.entity';

/** Frameworks: import (validate everything, then write in one transaction), publish, read. */
export class FrameworkService {
  constructor(private readonly em: Em) {}

  /** Imports a document as a new DRAFT; a code already present gets the next version. */
  async importDocument(doc: unknown): Promise<Framework> {
    let parsed;
    try {
      parsed = parseFrameworkDocument(doc);
    } catch (e) {
      if (e instanceof InputProblems) throw badInput(e.problems);
      throw e;
    }
    // Two imports of one code at once may pick the same version: the unique (code, version)
    // refuses the second, which then tries again with the next number.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.write(parsed);
      } catch (e) {
        if (!(e instanceof UniqueConstraintViolationException) || attempt >= 5) throw e;
      }
    }
  }

  private write(parsed: FrameworkDocument): Promise<Framework> {
    return this.em.transactional(async (em) => {
      const latest = await em.findOne(Framework, { code: parsed.code }, { orderBy: { version: 'desc' } });
      const now = new Date();
      const fw = em.create(Framework, {
        code: parsed.code,
        version: (latest?.version ?? 0) + 1,
        name: parsed.name,
        year: parsed.year,
        unitKind: parsed.unitKind as UnitKind,
        status: FrameworkStatus.DRAFT,
        notApplicable: parsed.notApplicable as NotApplicableMode,
        capTotal: parsed.capTotal,
        bands: parsed.bands,
        maxH: parsed.maxH,
        createdAt: now,
        updatedAt: now,
      } as never);
      await em.flush();
      const ids = new Map<string, string>();
      const rows = parsed.criteria.map((c, ordinal) => {
        const id = randomUUID();
        ids.set(c.code, id);
        return {
          id,
          createdAt: now,
          updatedAt: now,
          framework: fw.id,
          parent: c.parentCode ? ids.get(c.parentCode)! : null,
          code: c.code,
          title: c.title,
          guidance: c.guidance,
          maxH: c.maxH,
          method: c.method as ScoringMethod | null,
          stepH: c.stepH,
          tiers: c.tiers,
          thresholds: c.thresholds,
          evidenceRequired: c.evidenceRequired,
          allowNotApplicable: c.allowNotApplicable,
          allowAboveFull: c.allowAboveFull,
          isLeaf: c.isLeaf,
          depth: c.depth,
          ordinal,
        };
      });
      for (let i = 0; i < rows.length; i += 500) {
        await em.insertMany(Criterion, rows.slice(i, i + 500) as never[]);
      }
      return fw;
    });
  }

  async publish(id: string): Promise<Framework> {
    const fw = await this.get(id);
    if (fw.status === FrameworkStatus.PUBLISHED) {
      throw phaseClosed('This framework is already published; import a new version to change it.');
    }
    fw.status = FrameworkStatus.PUBLISHED;
    fw.publishedAt = new Date();
    await this.em.flush();
    return fw;
  }

  async get(id: string): Promise<Framework> {
    return this.em.findOneOrFail(Framework, { id }, { failHandler: () => notFound('Framework', id) });
  }

  /** Every node, flat, parents before children. */
  criteria(frameworkId: string): Promise<Criterion[]> {
    return this.em.find(Criterion, { framework: frameworkId }, { orderBy: { ordinal: 'asc' } });
  }
}
