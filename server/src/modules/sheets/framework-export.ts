import type { Criterion } from '../framework/criterion.entity';
import type { CriterionDocument, FrameworkDocument, UnitKindName } from '../framework/framework.document';
import type { Framework } from '../framework/framework.entity';

/** A stored framework as the interchange model (what parseFrameworkDocument would give back). */
export function documentOfFramework(fw: Framework, criteria: Criterion[]): FrameworkDocument {
  const codeOf = new Map(criteria.map((c) => [c.id, c.code]));
  const positions = new Map<string, number>();
  const nodes: CriterionDocument[] = criteria.map((c) => {
    const parentCode = c.parent ? (codeOf.get(c.parent.id) ?? null) : null;
    const key = parentCode ?? '';
    const position = positions.get(key) ?? 0;
    positions.set(key, position + 1);
    return {
      code: c.code,
      parentCode,
      depth: c.depth,
      position,
      title: c.title,
      guidance: c.guidance ?? null,
      maxH: c.maxH,
      method: c.isLeaf ? (c.method ?? null) : null,
      stepH: c.stepH ?? null,
      tiers: c.tiers ?? null,
      thresholds: c.thresholds ?? null,
      evidenceRequired: c.evidenceRequired,
      allowNotApplicable: c.allowNotApplicable,
      allowAboveFull: c.allowAboveFull,
      isLeaf: c.isLeaf,
    };
  });
  return {
    code: fw.code,
    name: fw.name,
    year: fw.year,
    unitKind: fw.unitKind as UnitKindName,
    notApplicable: fw.notApplicable,
    capTotal: fw.capTotal,
    bands: [...fw.bands].sort((a, b) => b.minPercent - a.minPercent).map((b) => ({ label: b.label, minPercent: b.minPercent })),
    maxH: fw.maxH,
    criteria: nodes,
  };
}
