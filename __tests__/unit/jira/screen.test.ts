import type { ScreenField, Transition } from '../../../src/jira/port.js'
import { fillScreen } from '../../../src/jira/screen.js'

const MERGED = { prefer: ['Done', 'Fixed', 'Resolved'], avoid: ["Won't Do"] }
const CLOSED = { prefer: ["Won't Do", "Won't Fix"], avoid: ['Done', 'Fixed'] }
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

test('no screen: nothing to set, nothing missing; the choice travels with the fill', () => {
  expect(fillScreen(toDone(), MERGED)).toEqual({ fill: MERGED, unfilled: [] })
})

test('a required resolution: the first preferred name it allows, spelled as Jira spells it', () => {
  expect(fillScreen(toDone([resolution()]), { prefer: ['Fixed', 'Done'] }).fill.resolution).toBe(
    'FIXED'
  )
  expect(fillScreen(toDone([resolution()]), MERGED)).toEqual({
    fill: { resolution: 'Done', ...MERGED },
    unfilled: []
  })
})

test('a choice of another screen is replaced, not carried over', () => {
  const stale = { ...MERGED, resolution: 'Gone' }
  expect(fillScreen(toDone(), stale).fill).toEqual(MERGED)
})

test('apostrophes, case and runs of spaces do not matter', () => {
  const field = resolution({ allowed: ['Done', 'Won’t  do'] })
  expect(fillScreen(toDone([field]), CLOSED).fill.resolution).toBe('Won’t  do')
})

test('the screen default wins over the preference, unless the moment avoids it', () => {
  const fixed = resolution({ hasDefault: true, default: 'FIXED' })
  expect(fillScreen(toDone([fixed]), MERGED).fill.resolution).toBe('FIXED')
  const done = resolution({ hasDefault: true, default: 'Done', allowed: ['Done', "Won't Do"] })
  expect(fillScreen(toDone([done]), CLOSED).fill.resolution).toBe("Won't Do")
  // Nothing better offered: the screen's own default after all.
  const only = resolution({ hasDefault: true, default: 'Done', allowed: ['Done'] })
  expect(fillScreen(toDone([only]), CLOSED).fill.resolution).toBe('Done')
  const gone = resolution({ hasDefault: true, default: 'Gone', allowed: ['Done'] })
  expect(fillScreen(toDone([gone]), MERGED).fill.resolution).toBe('Done')
})

test('an optional resolution is set on the way to a done status only', () => {
  const optional = resolution({ required: false })
  expect(fillScreen(toDone([optional]), MERGED).fill.resolution).toBe('Done')
  expect(fillScreen(toDone([optional], 'indeterminate'), MERGED)).toEqual({
    fill: MERGED,
    unfilled: []
  })
})

test('an optional resolution with none of the names and no default, on the way to done: said', () => {
  const none = resolution({ required: false, allowed: ['Duplicate', 'Cannot Reproduce'] })
  expect(fillScreen(toDone([none]), MERGED)).toEqual({
    fill: MERGED,
    unfilled: [],
    unresolved: none
  })
  // Jira fills a default itself; a status not done needs no resolution.
  const defaulted = resolution({ required: false, hasDefault: true, allowed: ['Duplicate'] })
  expect(fillScreen(toDone([defaulted]), MERGED).unresolved).toBeUndefined()
  expect(fillScreen(toDone([none], 'indeterminate'), MERGED).unresolved).toBeUndefined()
})

test('a required resolution with none of the names, or no list of values: left empty, said', () => {
  for (const field of [
    resolution({ allowed: ['Duplicate'] }),
    resolution({ allowed: undefined })
  ]) {
    expect(fillScreen(toDone([field]), MERGED)).toEqual({ fill: MERGED, unfilled: [field] })
  }
})

test('other required fields are never guessed; one with a default is no problem', () => {
  const sprint = { key: 'customfield_10020', name: 'Sprint', required: true, hasDefault: false }
  const team = { key: 'customfield_10001', name: 'Team', required: true, hasDefault: true }
  const note = { key: 'comment', name: 'Comment', required: false, hasDefault: false }
  expect(fillScreen(toDone([resolution(), sprint, team, note]), MERGED)).toEqual({
    fill: { resolution: 'Done', ...MERGED },
    unfilled: [sprint]
  })
})
