import type { ScreenField, Transition } from '../../../src/jira/port.js'
import { fillScreen } from '../../../src/jira/screen.js'

const DONE_FIRST = ['Done', 'Fixed', 'Resolved']
const resolution = (extra: Partial<ScreenField> = {}): ScreenField => ({
  key: 'resolution',
  name: 'Resolution',
  required: true,
  hasDefault: false,
  allowed: ['Duplicate', 'FIXED', 'Done'],
  ...extra
})
const toDone = (screen?: ScreenField[], category = 'done'): Transition => ({
  id: '41',
  name: 'Resolve issue',
  to: { name: 'Done', category },
  ...(screen ? { screen } : {})
})

test('no screen: nothing to set, nothing missing; the preference travels with the fill', () => {
  expect(fillScreen(toDone(), DONE_FIRST)).toEqual({ fill: { prefer: DONE_FIRST }, unfilled: [] })
})

test('a required resolution: the first preferred name it allows, spelled as Jira spells it', () => {
  expect(fillScreen(toDone([resolution()]), ['Fixed', 'Done']).fill.resolution).toBe('FIXED')
  expect(fillScreen(toDone([resolution()]), DONE_FIRST)).toEqual({
    fill: { resolution: 'Done', prefer: DONE_FIRST },
    unfilled: []
  })
})

test('apostrophes and case do not matter', () => {
  const field = resolution({ allowed: ['Done', 'Won’t do'] })
  expect(fillScreen(toDone([field]), ["Won't Do"]).fill.resolution).toBe('Won’t do')
})

test('the screen default wins over the preference, when it is an allowed value', () => {
  const field = resolution({ hasDefault: true, default: 'FIXED' })
  expect(fillScreen(toDone([field]), DONE_FIRST).fill.resolution).toBe('FIXED')
  const stale = resolution({ hasDefault: true, default: 'Gone', allowed: ['Done'] })
  expect(fillScreen(toDone([stale]), DONE_FIRST).fill.resolution).toBe('Done')
})

test('an optional resolution is set on the way to a done status only', () => {
  const optional = resolution({ required: false })
  expect(fillScreen(toDone([optional]), DONE_FIRST).fill.resolution).toBe('Done')
  expect(fillScreen(toDone([optional], 'indeterminate'), DONE_FIRST)).toEqual({
    fill: { prefer: DONE_FIRST },
    unfilled: []
  })
})

test('a required resolution with none of the names, or no list of values: left empty, said', () => {
  for (const field of [
    resolution({ allowed: ['Duplicate'] }),
    resolution({ allowed: undefined }) as ScreenField
  ]) {
    expect(fillScreen(toDone([field]), DONE_FIRST)).toEqual({
      fill: { prefer: DONE_FIRST },
      unfilled: [field]
    })
  }
})

test('other required fields are never guessed; one with a default is no problem', () => {
  const sprint = { key: 'customfield_10020', name: 'Sprint', required: true, hasDefault: false }
  const team = { key: 'customfield_10001', name: 'Team', required: true, hasDefault: true }
  const note = { key: 'comment', name: 'Comment', required: false, hasDefault: false }
  expect(fillScreen(toDone([resolution(), sprint, team, note]), DONE_FIRST)).toEqual({
    fill: { resolution: 'Done', prefer: DONE_FIRST },
    unfilled: [sprint]
  })
})
