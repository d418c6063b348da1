/**
 * Keys of projects `jira.projects` leaves out: named in one note (not dropped without a word), and
 * their letters never reach the key-less ranker (they would match issues that name the project).
 */
import {
  keysOutsideProjects,
  MAX_IGNORED_SHOWN,
  outsideProjectsNote
} from '../../../../src/rules/auto-link/discover.js'
import { inferLinks, prText } from '../../../../src/rules/auto-link/inference.js'
import { jiraIssue, prFacts, settings } from '../../../helpers/facts.js'

function onlyOps() {
  const s = settings()
  s.jira.projects = ['OPS']
  return s
}

describe('keys outside jira.projects', () => {
  test('are listed, shortest of a FEATURE_ABC-12 family, upper case as written, no standards', () => {
    const facts = prFacts(
      {
        title: 'SHOP-12 Login fails for guests',
        headRef: 'feature_WEB-3-login',
        body: 'Also OPS-4. Bytes are UTF-8, hashed with SHA-256; the release-2 branch is untouched.'
      },
      { commits: [{ sha: 'a', message: 'SHOP-12: retry' }] }
    )
    expect(keysOutsideProjects(facts, onlyOps())).toEqual(['SHOP-12', 'WEB-3'])
    expect(keysOutsideProjects(facts, settings())).toEqual([])
  })

  test('one note names them, the projects and the config file', () => {
    expect(outsideProjectsNote(['SHOP-12'], onlyOps())).toEqual({
      level: 'warning',
      text: 'SHOP-12 is not linked: project SHOP is not in `jira.projects` (OPS) of .github/gitar-jira.yml.',
      markdown:
        'SHOP-12 is not linked: project SHOP is not in `jira.projects` \\(OPS\\) of .github/gitar-jira.yml.'
    })
    const many = Array.from({ length: MAX_IGNORED_SHOWN + 2 }, (_, i) => `WEB-${i + 1}`)
    expect(outsideProjectsNote(['SHOP-1', ...many], onlyOps())?.text).toBe(
      'SHOP-1, WEB-1, WEB-2, WEB-3, WEB-4 and 3 more are not linked: projects SHOP, WEB are not in `jira.projects` (OPS) of .github/gitar-jira.yml.'
    )
    expect(outsideProjectsNote([], onlyOps())).toBeNull()
  })
})

describe('the ranker does not read the keys the PR names', () => {
  const facts = prFacts(
    {
      title: 'SHOP-12 Retry the payment webhook on node-24',
      body: 'Jira: https://acme.atlassian.net/browse/SHOP-12\nCloses ops-7.',
      headRef: 'feature/shop-12-webhook-retry'
    },
    { commits: [{ sha: 'a', message: 'SHOP-12: retry on 502' }] }
  )

  test('no key, of any project, in any text the ranker gets', () => {
    const text = prText(facts, onlyOps())
    const all = [text.title, text.body, text.branch, ...(text.commits ?? [])].join('\n')
    expect(all).not.toMatch(/shop|ops-7|atlassian/i)
    expect(text.title).toContain('Retry the payment webhook')
    // A look-alike of no project the PR names or the config lists is a word of the change.
    expect(text.title).toContain('node-24')
    expect(text.branch).toContain('webhook-retry')
  })

  test('an issue whose text names the project is not matched on its letters', () => {
    const pool = [
      jiraIssue('OPS-1', {
        summary: 'SHOP storefront is down',
        details: { description: 'The SHOP site answers 503.', components: [], labels: [] }
      }),
      jiraIssue('OPS-2', {
        summary: 'Rotate the database password',
        details: { description: 'Quarterly rotation.', components: [], labels: [] }
      })
    ]
    const chosen = inferLinks(facts, pool, onlyOps(), new Set())
    const matched = [...chosen.linked, ...chosen.suggestions].flatMap((c) => c.matched ?? [])
    expect(matched.map((w) => w.toLowerCase())).not.toContain('shop')
  })
})
