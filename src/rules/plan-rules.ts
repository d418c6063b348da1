import type { Settings } from '../config/settings.js'
import type { Action } from '../plan/actions.js'
import type { RunReport } from '../report/model.js'
import { getErrorMessage } from '../util/errors.js'
import { RULES } from './registry.js'
import type { Facts, Ports } from './types.js'

/** Runs each rule that applies; one rule failing is recorded and the others still run. */
export async function planRules(ports: Ports, facts: Facts, settings: Settings) {
  const actions: Action[] = []
  const notes: RunReport['notes'] = []
  const failures: RunReport['failures'] = []
  let reviewers: RunReport['reviewers']
  let followUps: RunReport['followUps']
  for (const rule of RULES) {
    if (!rule.appliesTo(facts.event, settings)) continue
    try {
      const extra = rule.gather ? await rule.gather(ports, facts, settings) : undefined
      const plan = rule.plan(facts, extra, settings)
      actions.push(...plan.actions)
      notes.push(...plan.notes.map((n) => ({ ...n, rule: rule.name })))
      reviewers = plan.reviewers ?? reviewers
      followUps = plan.followUps ?? followUps
    } catch (error) {
      failures.push({ rule: rule.name, message: getErrorMessage(error) })
    }
  }
  return { actions, notes, failures, reviewers, followUps }
}
