/**
 * Faults: with a seeded share of requests answered 429 (Retry-After: 1), 502 or 503, every story
 * ends where it ends without faults. The sandbox decides faults from the request itself, so a
 * seed replays the same faults. Stories and seeds run side by side (the runs mostly wait on
 * backoff and Retry-After, so a 2-core machine copes).
 */
import type { FaultOptions } from '../../sandbox/index.js'
import { expectSuccess, outcome, sandbox } from './helpers.js'
import { STORIES, type Story } from './stories.js'

type Outcome = ReturnType<typeof outcome>

async function play(story: Story, faults?: FaultOptions) {
  const sb = await sandbox(faults ? { faults } : {})
  try {
    const runs = await story.play(sb)
    return { runs, outcome: outcome(sb), faults: sb.requests.filter((r) => r.fault).length }
  } finally {
    await sb.close()
  }
}

/**
 * Plays every story without faults and under `faults(seed)` for each seed, all side by side:
 * each run succeeds and each faulty play ends where the fault-free one does.
 */
export async function expectSameEnd(
  seeds: number[],
  faults: (seed: number) => FaultOptions,
  stories = STORIES
): Promise<void> {
  const plays = stories.flatMap((story) => seeds.map((seed) => ({ story, seed })))
  const [clean, results] = await Promise.all([
    Promise.all(stories.map((story) => play(story))),
    Promise.all(plays.map(({ story, seed }) => play(story, faults(seed))))
  ])
  const ends = new Map<string, Outcome>()
  stories.forEach((story, n) => {
    clean[n]!.runs.forEach(expectSuccess)
    ends.set(story.name, clean[n]!.outcome)
  })
  let injected = 0
  results.forEach((result, n) => {
    const { story, seed } = plays[n]!
    injected += result.faults
    for (const run of result.runs) {
      try {
        expectSuccess(run)
      } catch (error) {
        throw new Error(`${story.name}, seed ${seed}: ${(error as Error).message}`, {
          cause: error
        })
      }
    }
    expect({ story: story.name, seed, outcome: result.outcome }).toEqual({
      story: story.name,
      seed,
      outcome: ends.get(story.name)
    })
  })
  // Not vacuous: the seeds did inject faults.
  expect(injected).toBeGreaterThan(plays.length)
}
