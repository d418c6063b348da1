/**
 * `npm run eval:link` as a user runs it, on a six-issue linkset in the format of
 * ../shared/data/linkset: two PRs copy their issue's summary, a dependency bump is about nothing,
 * and a vague PR ("Tidy up") whose record carries its gold issue's text in `issue` (which the
 * ranker must not see).
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const DIR = '__tests__/fixtures/linkset'

function evalLink(...args: string[]): string {
  return execFileSync(process.execPath, ['scripts/eval-link.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8'
  })
}

test('--json: one object with the figures per project, fractions in 0..1', () => {
  const { projects } = JSON.parse(evalLink(DIR, '--json')) as {
    projects: Record<string, Record<string, number>>
  }
  expect(Object.keys(projects)).toEqual(['DEMO'])
  const demo = projects.DEMO!
  expect(demo).toEqual({
    records: 4,
    top1: 0.5,
    recall5: 0.5,
    autoCoverage: 0.5, // the two copied summaries, and neither of the others
    autoPrecision: 1,
    suggestRecall: 0.5,
    msPerPr: expect.any(Number)
  })
  expect(demo.msPerPr).toBeGreaterThan(0)
})

test('the text report says the thresholds and the same figures', () => {
  const text = evalLink(DIR)
  expect(text).toContain('min-confidence 0.8, suggest-confidence 0.45 (at most 5 suggestions)')
  expect(text).toContain('DEMO: 4 records')
  expect(text).toContain('auto-links: coverage 50.0%, precision 100.0%')
  expect(text).toMatch(/ms per PR \(\d+\.\d+ ms against 10,000 candidates\)/)
})

test('thresholds of your own: a bar no PR clears links nothing', () => {
  const { projects } = JSON.parse(evalLink(DIR, '--json', '--min-confidence', '1')) as {
    projects: Record<string, Record<string, number>>
  }
  expect(projects.DEMO).toMatchObject({ autoCoverage: 0, top1: 0.5, suggestRecall: 0.5 })
  const text = evalLink(DIR, '--min-confidence=0.9', '--suggest-confidence=0.2')
  expect(text).toContain('min-confidence 0.9, suggest-confidence 0.2 (at most 5 suggestions)')
})

test('a threshold out of 0..1: which option and why, exit code 2', () => {
  expect(() => evalLink(DIR, '--min-confidence', '80')).toThrow(
    expect.objectContaining({
      status: 2,
      stderr: expect.stringContaining('--min-confidence must be a number from 0 to 1, not "80"')
    })
  )
})

test('without a folder: the usage, exit code 2', () => {
  expect(() => evalLink()).toThrow(
    expect.objectContaining({
      status: 2,
      stderr: expect.stringContaining('usage: npm run eval:link -- <dir> [--json]')
    })
  )
})
