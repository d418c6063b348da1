import {
  buildIndex,
  rank,
  rankCandidates,
  type Candidate,
  type PrText
} from '../../../../../src/rules/auto-link/infer/index.js'
import {
  confidenceOf,
  decisionConfidence,
  listProbability,
  logistic,
  standout,
  withLinkProbability,
  COEFFICIENTS,
  FEATURE_NAMES,
  LIST_CAP,
  ONE_WORD_CAP,
  TOP_COEFFICIENTS
} from '../../../../../src/rules/auto-link/infer/confidence.js'
import { EARLIER_FILES, scoreAll } from '../../../../../src/rules/auto-link/infer/rank.js'
import { MAX_SUGGESTIONS } from '../../../../../src/rules/auto-link/infer/thresholds.js'
import { defaultSettings } from '../../../../../src/config/defaults.js'

const { minConfidence, suggestConfidence } = defaultSettings().rules.autoLink

function issue(key: string, summary: string, more: Partial<Candidate> = {}): Candidate {
  return { key, summary, description: '', components: [], labels: [], ...more }
}

function pr(title: string, more: Partial<PrText> = {}): PrText {
  return { title, body: '', branch: '', commits: [], files: [], ...more }
}

const POOL: Candidate[] = [
  issue('ZK-1', 'Watcher leak when the session expires', {
    description: 'Watches registered by an expired session stay in the WatchManager.',
    components: ['server']
  }),
  issue('ZK-2', 'Quorum peer fails to rejoin after a network partition', {
    components: ['quorum']
  }),
  issue('ZK-3', 'Document the snapCount system property', { components: ['documentation'] }),
  issue('ZK-4', 'C client crashes on a connection timeout', { components: ['c client'] }),
  issue('ZK-5', 'Add TLS support to the admin server', { components: ['security'] }),
  issue('ZK-6', 'Flaky test in the leader election suite', { components: ['tests'] }),
  issue('ZK-7', 'Make the purge interval of snapshots configurable', { components: ['server'] }),
  issue('ZK-8', 'Upgrade Netty to 4.1', { components: ['build'] })
]

describe('rankCandidates: the right issue wins', () => {
  test.each([
    ['Remove watches of expired sessions from the WatchManager', 'ZK-1'],
    ['Peer cannot rejoin the quorum after a partition heals', 'ZK-2'],
    ['docs: describe snapCount', 'ZK-3'],
    ['Avoid a crash of the C client when the connection times out', 'ZK-4']
  ])('%s → %s', (title, key) => {
    expect(rankCandidates(pr(title), POOL)[0]?.key).toBe(key)
  })

  test('the branch, commits and changed file names count too', () => {
    const ranked = rankCandidates(
      pr('Small cleanup', {
        branch: 'feature/admin-server-tls',
        commits: ['wip'],
        files: [
          'zookeeper-server/src/main/java/org/apache/zookeeper/server/admin/AdminServerTls.java'
        ]
      }),
      POOL
    )
    expect(ranked[0]?.key).toBe('ZK-5')
  })

  test('explains the match with the words as the PR wrote them', () => {
    const [top] = rankCandidates(
      pr('Remove watches of expired sessions from the WatchManager'),
      POOL
    )
    expect(top?.matched).toEqual(expect.arrayContaining(['WatchManager', 'expired']))
  })

  test('a PR whose words match nothing gets an empty list', () => {
    expect(rankCandidates(pr('Polish the README'), POOL)).toEqual([])
  })

  test('an unrelated dependency bump gets no candidate at suggest-confidence', () => {
    const bump = pr('Bump lodash from 4.17.20 to 4.17.21', {
      branch: 'dependabot/npm_and_yarn/lodash-4.17.21',
      body: 'Bumps [lodash](https://github.com/lodash/lodash) from 4.17.20 to 4.17.21.\n- [Commits](https://github.com/lodash/lodash/compare/4.17.20...4.17.21)',
      commits: ['Bump lodash from 4.17.20 to 4.17.21'],
      files: ['package.json', 'package-lock.json']
    })
    const ranked = rankCandidates(bump, POOL)
    expect(ranked.filter((r) => r.confidence >= suggestConfidence)).toEqual([])
  })

  test('the author being the assignee breaks a tie', () => {
    const pool = [
      issue('A-1', 'Retry failed uploads', { assigneeName: 'Jane Doe' }),
      issue('A-2', 'Retry failed uploads', { assigneeName: 'John Roe' })
    ]
    const ranked = rankCandidates(
      pr('Retry failed uploads', { author: { name: 'Jané  DOE' } }),
      pool
    )
    expect(ranked.map((r) => r.key)).toEqual(['A-1', 'A-2'])
  })

  test('an issue fixed in a release before the PR was opened, or done, steps back', () => {
    const pool = [
      issue('A-1', 'Retry failed uploads', { fixVersionDates: ['2020-01-01'] }),
      issue('A-2', 'Retry failed uploads', { fixVersionDates: ['2024-06-01'] }),
      issue('A-3', 'Retry failed uploads', { statusCategory: 'done' })
    ]
    const ranked = rankCandidates(
      pr('Retry failed uploads', { date: '2024-03-01T00:00:00Z' }),
      pool
    )
    expect(ranked.map((r) => r.key)).toEqual(['A-2', 'A-3', 'A-1'])
  })

  test('an issue created more than a week after the PR was opened steps back', () => {
    const pool = [
      issue('A-1', 'Retry failed uploads', { created: '2024-04-01T09:00:00.000+0000' }),
      issue('A-2', 'Retry failed uploads', { created: '2024-03-05T09:00:00.000+0000' }),
      issue('A-3', 'Retry failed uploads', { created: '2023-11-20T09:00:00.000+0000' })
    ]
    const ranked = rankCandidates(
      pr('Retry failed uploads', { date: '2024-03-01T00:00:00Z' }),
      pool
    )
    // A-2, filed four days after the PR opened, may be the PR's own issue: only A-1 steps back.
    expect(ranked.map((r) => r.key)).toEqual(['A-2', 'A-3', 'A-1'])
    // By exactly createdAfter, once the rank fusion (which also sees A-1 ranked last) is off.
    const unfused = rankCandidates(
      pr('Retry failed uploads', { date: '2024-03-01T00:00:00Z' }),
      pool,
      { weights: { fusion: 0 } }
    )
    expect(unfused.map((r) => r.key)).toEqual(['A-2', 'A-3', 'A-1'])
    expect(unfused[2]!.score).toBeCloseTo(unfused[0]!.score * 0.25, 3)
  })

  test('earlier PRs of an issue that changed the same files help it', () => {
    const pool = [
      issue('A-1', 'Retry failed uploads'),
      issue('A-2', 'Retry failed uploads', { linkedPaths: ['src/upload/retry.ts'] })
    ]
    const ranked = rankCandidates(
      pr('Retry failed uploads', { files: ['src/upload/retry.ts'] }),
      pool
    )
    expect(ranked[0]?.key).toBe('A-2')
    expect(ranked[0]?.matched).toContain(EARLIER_FILES)
    expect(ranked[1]?.matched).not.toContain(EARLIER_FILES)
  })
})

describe('confidence', () => {
  test('a near copy of one summary is linked; a vaguer PR is at most suggested', () => {
    const index = buildIndex(POOL)
    const copied = rank(index, pr('Quorum peer fails to rejoin after a network partition'))
    expect(copied[0]).toMatchObject({ key: 'ZK-2' })
    expect(copied[0]?.confidence).toBeGreaterThanOrEqual(minConfidence)
    const vague = rank(
      index,
      pr('Improve the quorum code', { body: 'Some refactoring of the server.' })
    )
    expect(vague[0]?.confidence ?? 0).toBeLessThan(minConfidence)
  })

  test('a tie between two identical issues is never linked', () => {
    const pool = [
      ...POOL,
      issue('ZK-9', 'Quorum peer fails to rejoin after a network partition', {
        components: ['quorum']
      })
    ]
    const ranked = rankCandidates(pr('Quorum peer fails to rejoin after a network partition'), pool)
    expect(ranked.slice(0, 2).map((r) => r.key)).toEqual(['ZK-2', 'ZK-9'])
    for (const r of ranked) expect(r.confidence).toBeLessThan(minConfidence)
  })

  test('confidence grows with the margin over the next candidate', () => {
    const margin = FEATURE_NAMES.indexOf('margin')
    const gap = FEATURE_NAMES.indexOf('gap')
    const ratio = FEATURE_NAMES.indexOf('ratio')
    const at = (m: number) => {
      const features = [0.8, 0.8, 0, 0, 0, 1, Math.log(8), Math.log(4), 1, 0.5, 0]
      features[margin] = m
      features[gap] = m * 0.8
      features[ratio] = -Math.log(1 - m)
      return logistic(features)
    }
    const values = [0, 0.1, 0.3, 0.5, 0.7, 0.9].map(at)
    values.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(values[i] as number))
    expect(COEFFICIENTS).toHaveLength(FEATURE_NAMES.length + 1)
  })

  test('the top stands out of a crowd of low scores, not of near-equals; no word, no crowd', () => {
    const scored = (...scores: number[]) =>
      scores.map((score) => ({ score }) as Parameters<typeof standout>[0][number])
    const alone = standout(scored(10, 1, 1, 1, 1, 1, 1, 1, 1, 1))
    const crowd = standout(scored(10, 9.8, 9.7, 9.5, 9.5, 9.4, 9.4, 9.3, 9.2, 9.1))
    expect(alone).toBeGreaterThan(2 * crowd)
    // Issues sharing no word with the PR are scored 0: a small pool is no crowd.
    expect(standout(scored(10))).toBeCloseTo(7)
    expect(standout(scored(10, 10))).toBeGreaterThan(4)
    expect(standout([])).toBe(0)
  })

  test("the top's link probability grows with how far it stands out, one word still capped", () => {
    const features = [[0.8, 0.8, 0.3, 0.2, 0.4, 1, Math.log(8), Math.log(5), 1, 0.6, 0.3, 0, 0.5]]
    const [own = 0] = confidenceOf(features)
    const values = [0, 1, 2, 4, 7].map((z) => withLinkProbability([own], features, z)[0] ?? 0)
    values.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(values[i] as number))
    const oneWord = [...features[0]!]
    oneWord[FEATURE_NAMES.indexOf('matchedWords')] = Math.log(2)
    expect(withLinkProbability([0.99], [oneWord], 7)[0]).toBeLessThanOrEqual(ONE_WORD_CAP)
    expect(withLinkProbability([0.3, 0.2], features, 3)[1]).toBe(0.2) // only the top's
    expect(TOP_COEFFICIENTS).toHaveLength(3)
  })

  test('the probabilities of one PR add up to at most 1', () => {
    const sure = [1.5, 1.5, 1, 1.5, 3, 4, 3, 3, 1, 1, 1]
    const spread = confidenceOf([sure, sure, sure])
    expect(spread.reduce((a, b) => a + b, 0)).toBeCloseTo(1)
    spread.forEach((c) => expect(c).toBeLessThan(0.5))
  })

  test('the list probability grows with what the list holds', () => {
    expect(listProbability([])).toBe(0)
    const values = [[0.05], [0.2, 0.1], [0.4, 0.2, 0.1], [0.9, 0.05]].map((p) => listProbability(p))
    values.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(values[i] as number))
  })

  test('a likely list lends its candidates up to 1/2; only the top can go above', () => {
    const probabilities = [0.3, 0.7, 0.1, 0.05, 0.02, 0.01, 0.01]
    const decided = decisionConfidence(probabilities, 0.9)
    expect(decided[0]).toBe(LIST_CAP)
    expect(decided[1]).toBe(LIST_CAP) // its own 0.7 is capped below the top
    expect(decided.slice(2, MAX_SUGGESTIONS)).toEqual([LIST_CAP, LIST_CAP, LIST_CAP])
    expect(decided.slice(MAX_SUGGESTIONS)).toEqual([0.01, 0.01]) // beyond the list: its own
    expect(decisionConfidence([0.9, 0.005], 0.95)).toEqual([0.9, 0.005]) // noise beside a sure link
    expect(decisionConfidence([0.6, 0.005], 0.8)).toEqual([0.6, LIST_CAP]) // an unsure top: all listed
    expect(decisionConfidence([0.95, 0.03], 0.97)).toEqual([0.95, LIST_CAP])
    expect(decisionConfidence([0.1, 0.05], 0.2)).toEqual([0.2, 0.2])
  })

  test('confidence does not depend on how many candidates are asked for', () => {
    const index = buildIndex(POOL)
    const input = pr('Quorum leader election timeout in the C client')
    const one = rank(index, input, { limit: 1 })
    const ten = rank(index, input, { limit: 10 })
    expect(one).toEqual(ten.slice(0, 1))
    expect(ten[0]?.listConfidence).toBeGreaterThanOrEqual(ten[0]?.probability ?? 0)
  })

  test('confidences are in 0..1 and the list is best first', () => {
    const ranked = rankCandidates(pr('Quorum leader election timeout in the C client'), POOL)
    expect(ranked.length).toBeGreaterThan(1)
    ranked.forEach((r) => {
      expect(r.confidence).toBeGreaterThanOrEqual(0)
      expect(r.confidence).toBeLessThanOrEqual(1)
    })
    ranked
      .slice(1)
      .forEach((r, i) => expect(r.score).toBeLessThanOrEqual(ranked[i]?.score as number))
  })
})

describe('second stage: the summary as a whole', () => {
  test("measures how much of the summary the PR says, and the title's phrases it repeats", () => {
    const index = buildIndex(POOL)
    const { scored } = scoreAll(index, pr('Quorum peer fails to rejoin after a network partition'))
    const [top] = scored
    expect(index.candidates[top?.doc ?? -1]?.key).toBe('ZK-2')
    expect(top?.coverage).toBeCloseTo(1)
    expect(top?.phrase).toBe(1)
    const partial = scoreAll(index, pr('The quorum peer rejoins slowly')).scored[0]
    expect(partial?.coverage).toBeGreaterThan(0)
    expect(partial?.coverage).toBeLessThan(1)
    expect(partial?.phrase).toBeGreaterThan(0) // "quorum peer"
  })

  test('an issue whose summary the PR says in full beats a longer one sharing its words', () => {
    const pool = [
      issue('A-1', 'Retry failed uploads when the storage quota is exceeded on large files'),
      issue('A-2', 'Retry failed uploads')
    ]
    const ranked = rankCandidates(
      pr('Retry failed uploads', { body: 'Uploads that fail are retried.' }),
      pool
    )
    expect(ranked[0]?.key).toBe('A-2')
  })

  test('wording alike letter by letter breaks what words leave equal (stackoverflow / stack overflow)', () => {
    const pool = [
      issue('A-1', 'Stream parser: support nested definitions'),
      issue('A-2', 'Stack overflow in the stream parser')
    ]
    const title = pr('Fix stackoverflow in the stream parser')
    expect(rankCandidates(title, pool, { weights: { trigram: 0 } })[0]?.key).toBe('A-1')
    const [top] = scoreAll(buildIndex(pool), title).scored
    expect(top?.trigram).toBeGreaterThan(0.5)
    expect(rankCandidates(title, pool)[0]?.key).toBe('A-2')
  })
})

describe('second stage: the description and the parts of the PR', () => {
  const pool = [
    issue('A-1', 'Uploads fail on large files', {
      description: 'The multipart threshold is ignored, so the client sends one huge request.'
    }),
    issue('A-2', 'Uploads fail on large files', {
      description: 'Retries exhaust the connection pool when the storage quota is exceeded.'
    })
  ]

  test("measures how much of the description's rarest words the PR has", () => {
    const index = buildIndex(pool)
    const { scored } = scoreAll(
      index,
      pr('Uploads fail on large files', { commits: ['Honour the multipart threshold'] })
    )
    const byKey = new Map(scored.map((s) => [index.candidates[s.doc]?.key, s]))
    expect(index.candidates[scored[0]?.doc ?? -1]?.key).toBe('A-1')
    expect(byKey.get('A-1')?.descriptionCoverage).toBeGreaterThan(0)
    expect(byKey.get('A-1')?.descriptionCoverage).toBeLessThan(1)
    expect(byKey.get('A-2')?.descriptionCoverage).toBe(0)
  })

  test("fuses the candidate's ranks by the whole PR, its title, its commits and its paths", () => {
    const index = buildIndex(pool)
    const { scored } = scoreAll(
      index,
      pr('Uploads fail on large files', {
        commits: ['Honour the multipart threshold'],
        files: ['src/upload/MultipartThreshold.ts']
      })
    )
    const [top, other] = scored
    expect(index.candidates[top?.doc ?? -1]?.key).toBe('A-1')
    // First by every ranking: the title ties both, and ties share the best rank.
    expect(top?.fusion).toBeCloseTo(1)
    expect(other?.fusion).toBeGreaterThan(0)
    expect(other?.fusion).toBeLessThan(top?.fusion ?? 0)
  })
})

describe('a title that repeats one summary', () => {
  const siblings = [
    issue('ZK-10', 'Upgrade jUnit in ZooKeeper-Recipes'),
    issue('ZK-11', 'Upgrade jUnit in ZooKeeper-server'),
    issue('ZK-12', 'Upgrade jUnit in ZooKeeper-Jute'),
    issue('ZK-13', 'Update Jackson to 2.9.10'),
    issue('ZK-14', 'Add integration tests'),
    ...POOL
  ]
  const copied = (title: string) => {
    const index = buildIndex(siblings)
    const hit = scoreAll(index, pr(title)).scored.find((s) => s.copied)
    return hit ? index.candidates[hit.doc]?.key : undefined
  }

  test('is linked to that issue, beside siblings that differ by one word', () => {
    const ranked = rankCandidates(pr('Upgrade jUnit in ZooKeeper-Recipes'), siblings)
    expect(ranked[0]?.key).toBe('ZK-10')
    expect(ranked[0]?.confidence).toBeGreaterThanOrEqual(minConfidence)
    expect(ranked[1]?.confidence).toBeLessThan(minConfidence)
  })

  test('counts word for word, or as most of either text, in any case and punctuation', () => {
    expect(copied('upgrade JUnit in zookeeper recipes')).toBe('ZK-10')
    expect(copied('recipes: Upgrade jUnit in ZooKeeper-Recipes')).toBe('ZK-10')
    expect(copied('the purge interval of snapshots configurable')).toBe('ZK-7') // most of ZK-7
  })

  test('does not count for a summary that is a small part of the title, or another version', () => {
    expect(copied('Add integration tests for SpEL and Groovy based routing')).toBeUndefined()
    expect(copied('Update Jackson to 2.9.10.1')).toBeUndefined()
    expect(copied('Upgrade jUnit')).toBeUndefined()
  })

  test('does not count when two issues have that summary', () => {
    const twins = [...siblings, issue('ZK-15', 'Upgrade jUnit in ZooKeeper-Recipes')]
    const index = buildIndex(twins)
    const scored = scoreAll(index, pr('Upgrade jUnit in ZooKeeper-Recipes')).scored
    expect(scored.some((s) => s.copied)).toBe(false)
    expect(rank(index, pr('Upgrade jUnit in ZooKeeper-Recipes'))[0]?.confidence).toBeLessThan(
      minConfidence
    )
  })
})

describe('determinism and reuse', () => {
  test('the same input gives the same output, whatever the pool order', () => {
    const input = pr('Snapshot purge interval', { body: 'Make it configurable' })
    const a = rankCandidates(input, POOL)
    const b = rankCandidates(input, [...POOL].reverse())
    expect(b).toEqual(a)
    expect(rankCandidates(input, POOL)).toEqual(a)
  })

  test('equal scores are ordered by key', () => {
    const pool = [
      issue('B-2', 'Retry failed uploads'),
      issue('B-10', 'Retry failed uploads'),
      issue('B-1', 'Retry failed uploads')
    ]
    expect(rankCandidates(pr('Retry failed uploads'), pool).map((r) => r.key)).toEqual([
      'B-1',
      'B-10',
      'B-2'
    ])
  })

  test('one index serves many PRs, and limit bounds the list', () => {
    const index = buildIndex(POOL)
    expect(rank(index, pr('Watcher leak'))[0]?.key).toBe('ZK-1')
    expect(rank(index, pr('Netty upgrade'))[0]?.key).toBe('ZK-8')
    expect(rank(index, pr('server quorum client connection'), { limit: 2 })).toHaveLength(2)
  })

  test('an empty pool ranks nothing', () => {
    expect(rankCandidates(pr('anything at all'), [])).toEqual([])
  })
})
