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
