/** GitHub and Jira answering 502 and 503 on 20% of requests. See faults.ts. */
import { TIMEOUT, requireBundle } from './helpers.js'
import { expectSameEnd } from './faults.js'

beforeAll(requireBundle)

test(
  'GitHub and Jira answering 502 and 503: every story ends as without faults (seeds 1-2)',
  // At most 2 faults in a row per request: Octokit's backoff (1 s, 4 s, 9 s) keeps the file short.
  () =>
    expectSameEnd([1, 2], (seed) => ({
      rate: 0.2,
      seed,
      statuses: [502, 503],
      maxConsecutive: 2
    })),
  // The slowest story (PR #48: three runs in a row) waits out ~50 s of backoff on its own.
  TIMEOUT * 2
)
