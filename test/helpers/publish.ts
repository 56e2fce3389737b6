import type { TestApp } from './app';
import { ok } from './gql';
import type { World } from './world';

/** Saves self scores through the API at each entry's current version, as `token` (the unit's leader). */
export async function saveScores(t: TestApp, w: World, token: string, assessmentId: string, values: Record<string, Record<string, unknown>>): Promise<void> {
  for (const [code, value] of Object.entries(values)) {
    const a = (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: assessmentId }, token)).assessment;
    const version = a.entries.find((e: any) => e.criterion.code === code).version;
    await ok(t.url, `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){seq}}`, { i: { assessmentId, criterionId: w.criteria[code], expectedVersion: version, value } }, token);
  }
}

/**
 * Every leaf of the small framework (world.ts) scored, `strong` near the top and weak lower
 * down: a unit scored so can submit.
 */
export function allLeaves(strong: boolean, figure = 10): Record<string, Record<string, unknown>> {
  return {
    '1.1': { points: strong ? 2 : 1 }, '1.2': { met: strong }, '1.3': { tier: strong ? 'Full' : 'Partial' }, '1.4': { numerator: strong ? 9 : 7, denominator: 10 }, '1.5': { points: strong ? 0 : -0.5 },
    '2.1': { numerator: 1, denominator: 2 }, '2.2.1': { points: strong ? 4 : 2 }, '2.2.2': { figure }, '2.3': { points: strong ? 2 : 1 }, '2.4': { points: strong ? 1 : 0 },
  };
}

/** Scores every leaf (allLeaves) and submits the assessment, as the unit's leader. */
export async function scoreAndSubmit(t: TestApp, w: World, token: string, assessmentId: string, strong: boolean, figure?: number): Promise<void> {
  await saveScores(t, w, token, assessmentId, allLeaves(strong, figure));
  await ok(t.url, `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`, { id: assessmentId }, token);
}

/** Moves a period in SELF_ASSESSMENT on to FINALIZED and publishes its results, units left behind acknowledged. */
export async function publishPeriod(t: TestApp, w: World, periodId: string): Promise<void> {
  for (const phase of ['APPRAISAL', 'FINALIZED']) {
    await ok(t.url, `mutation($id:ID!,$p:Phase!){setPeriodPhase(id:$id,phase:$p,acknowledgeIncomplete:true){phase}}`, { id: periodId, p: phase }, w.tokens.admin);
  }
  await ok(t.url, `mutation($id:ID!){publishResults(periodId:$id,acknowledgeIncomplete:true){phase}}`, { id: periodId }, w.tokens.admin);
}

/** A new period of the world's framework for units A and B, in SELF_ASSESSMENT: its id and the assessments by unit. */
export async function openPeriod(t: TestApp, w: World, name: string, year: number): Promise<{ periodId: string; A: string; B: string }> {
  const p = (
    await ok(t.url, `mutation($i:CreatePeriodInput!){createPeriod(input:$i){id assessments{id unit{id}}}}`, { i: { name, frameworkId: w.frameworkId, year, unitIds: [w.units.A, w.units.B] } }, w.tokens.admin)
  ).createPeriod;
  await ok(t.url, `mutation($id:ID!){setPeriodPhase(id:$id,phase:SELF_ASSESSMENT){id}}`, { id: p.id }, w.tokens.admin);
  const of = (u: string) => p.assessments.find((a: any) => a.unit.id === u).id as string;
  return { periodId: p.id, A: of(w.units.A), B: of(w.units.B) };
}

/** The public JSON routes' fields of a ranking row, as the `ranking` query names them. */
export const RANKING_FIELDS = 'rank previousRank rankChange total previousTotal totalChange maxScore index band submitted unit{id code name kind} groups{criterionId code title maxScore total rank}';
