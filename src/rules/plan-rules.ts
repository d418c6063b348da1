import type { Settings } from '../config/settings.js'
import type { Action, AppliedAction } from '../plan/actions.js'
import { listedFollowUps } from '../report/follow-ups.js'
import type { RunReport } from '../report/model.js'
import { errorKind, getErrorMessage } from '../util/errors.js'
import { RULES } from './registry.js'
import type { Facts, Ports, Rule } from './types.js'

/**
 * Runs each rule that applies, in registry order: plan, then apply, so that a rule sees what the
 * ones before it wrote (merge-summary lists the follow-ups this merge created). One rule failing
 * is recorded and the others still run.
 */
export async function runRules(
  ports: Ports,
  facts: Omit<Facts, 'earlier'>,
  settings: Settings,
  apply: (actions: Action[]) => Promise<AppliedAction[]>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each rule has its own Extra
  rules: readonly Rule<any>[] = RULES
) {
  const applied: AppliedAction[] = []
  const notes: RunReport['notes'] = []
  const failures: RunReport['failures'] = []
  let reviewers: RunReport['reviewers']
  let followUps: RunReport['followUps']
  const unmoved: string[] = []
  for (const rule of rules) {
    if (!rule.appliesTo(facts.event, settings)) continue
    const earlier = { applied: [...applied], followUps: existingFollowUps(applied, followUps) }
    const ruleFacts: Facts = { ...facts, earlier }
    try {
      const extra = rule.gather ? await rule.gather(ports, ruleFacts, settings) : undefined
      const plan = rule.plan(ruleFacts, extra, settings)
      applied.push(...(await apply(plan.actions)))
      notes.push(...plan.notes.map((n) => ({ ...n, rule: rule.name })))
      reviewers = plan.reviewers ?? reviewers
      followUps = plan.followUps ?? followUps
      unmoved.push(...(plan.unmoved ?? []))
    } catch (error) {
      failures.push({ rule: rule.name, message: getErrorMessage(error), kind: errorKind(error) })
    }
  }
  return { applied, notes, failures, reviewers, followUps, unmoved }
}

function existingFollowUps(applied: AppliedAction[], view: RunReport['followUps']) {
  if (view === undefined) return null
  return listedFollowUps(applied, view).map(({ key, url, summary }) => ({ key, url, summary }))
}
