import type { Action, AppliedAction } from '../../../src/plan/actions.js'
import { runRules } from '../../../src/rules/plan-rules.js'
import type { Facts, Rule } from '../../../src/rules/types.js'
import { facts, settings } from '../../helpers/facts.js'

const title = (t: string): Action => ({
  type: 'github.updatePrTitle',
  rule: 'auto-link',
  prNumber: 42,
  title: t,
  from: 'x'
})
const ports = { jira: {} as never, github: {} as never }

test('each rule is applied before the next plans, and sees what the earlier ones wrote', async () => {
  const seen: number[] = []
  const first: Rule = {
    name: 'auto-link',
    appliesTo: () => true,
    plan: () => ({ actions: [title('one')], notes: [] })
  }
  const second: Rule = {
    name: 'merge-summary',
    appliesTo: () => true,
    plan: (f: Facts) => {
      seen.push(f.earlier.applied.length)
      return { actions: [title('two')], notes: [{ level: 'info', text: 'planned after one' }] }
    }
  }
  const order: string[] = []
  const apply = async (actions: Action[]): Promise<AppliedAction[]> =>
    actions.map((action) => {
      order.push(action.type === 'github.updatePrTitle' ? action.title : '')
      return { action, status: 'done' }
    })
  const { earlier: _, ...base } = facts()
  const result = await runRules(ports, base, settings(), apply, [first, second])
  expect(order).toEqual(['one', 'two'])
  expect(seen).toEqual([1])
  expect(result.applied).toHaveLength(2)
  expect(result.notes).toEqual([
    { level: 'info', text: 'planned after one', rule: 'merge-summary' }
  ])
})

test('a rule that throws is recorded and the next one still runs; a rule that does not apply is skipped', async () => {
  const broken: Rule = {
    name: 'transitions',
    appliesTo: () => true,
    plan: () => {
      throw new Error('Jira said no')
    }
  }
  const skipped: Rule = {
    name: 'follow-ups',
    appliesTo: () => false,
    plan: () => ({ actions: [title('never')], notes: [] })
  }
  const fine: Rule = {
    name: 'auto-link',
    appliesTo: () => true,
    plan: () => ({ actions: [title('ok')], notes: [] })
  }
  const apply = async (actions: Action[]): Promise<AppliedAction[]> =>
    actions.map((action) => ({ action, status: 'done' }))
  const { earlier: _, ...base } = facts()
  const result = await runRules(ports, base, settings(), apply, [broken, skipped, fine])
  expect(result.failures).toEqual([{ rule: 'transitions', message: 'Jira said no', kind: 'other' }])
  expect(
    result.applied.map((a) => (a.action.type === 'github.updatePrTitle' ? a.action.title : ''))
  ).toEqual(['ok'])
})

test('follow-ups off (or failed): later rules are told nothing is known of them, not "none"', async () => {
  const seen: Facts['earlier']['followUps'][] = []
  const followUps = (applies: boolean): Rule => ({
    name: 'follow-ups',
    appliesTo: () => applies,
    plan: () => ({
      actions: [],
      notes: [],
      followUps: {
        pr: 'acme/shop#42',
        order: [],
        pending: [],
        noProject: false,
        found: [],
        adding: [],
        tracked: [],
        omitted: []
      }
    })
  })
  const summary: Rule = {
    name: 'merge-summary',
    appliesTo: () => true,
    plan: (f: Facts) => {
      seen.push(f.earlier.followUps)
      return { actions: [], notes: [] }
    }
  }
  const apply = async (): Promise<AppliedAction[]> => []
  const { earlier: _, ...base } = facts()
  await runRules(ports, base, settings(), apply, [followUps(false), summary])
  await runRules(ports, base, settings(), apply, [followUps(true), summary])
  expect(seen).toEqual([null, []])
})
