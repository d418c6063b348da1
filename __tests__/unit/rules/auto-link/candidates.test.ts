import {
  authorJiraId,
  candidateQueries,
  distinctiveWords,
  inferenceScope
} from '../../../../src/rules/auto-link/candidates.js'
import { pullRequest, settings } from '../../../helpers/facts.js'

const withProjects = (
  projects: string[] | null,
  candidateJql: string | null = 'statusCategory != Done'
) => {
  const s = settings({ autoLink: { candidateJql } })
  s.jira.projects = projects
  return s
}

describe('where inference looks', () => {
  test('the configured projects, narrowed by candidate-jql', () => {
    expect(inferenceScope(withProjects(['ABC', 'OPS']))).toEqual({
      jql: 'project in ("ABC", "OPS") AND (statusCategory != Done)',
      leaving: 'project in ("ABC", "OPS") AND NOT (statusCategory != Done)'
    })
    expect(inferenceScope(withProjects(['ABC'], null))).toEqual({
      jql: 'project in ("ABC")',
      leaving: null
    })
  })

  test('a candidate-jql that names projects is enough', () => {
    expect(
      inferenceScope(withProjects(null, 'project = SHOP AND sprint in openSprints()'))
    ).toEqual({
      jql: '(project = SHOP AND sprint in openSprints())',
      leaving: null,
      filter: '(project = SHOP AND sprint in openSprints())'
    })
  })

  test('without either, inference does not know where to look', () => {
    expect(inferenceScope(withProjects(null))).toBeNull()
    expect(candidateQueries(pullRequest(), withProjects(null), null)).toEqual([])
  })

  test.each([
    'project in (SHOP, OPS)',
    'project != ARCHIVE',
    'PROJECT=SHOP',
    'project not in (OLD)',
    'project is not EMPTY',
    '"project" = SHOP',
    'statusCategory != Done AND (labels = x OR project = SHOP)'
  ])('the field project with an operator names projects: %s', (jql) => {
    expect(inferenceScope(withProjects(null, jql))).toEqual({
      jql: `(${jql})`,
      leaving: null,
      filter: `(${jql})`
    })
  })

  test.each([
    'labels != project-archive',
    'status != "Project Review"',
    "summary ~ 'project = SHOP'",
    'projectType = software',
    'statusCategory != Done ORDER BY project'
  ])('the word project elsewhere is no scope, and inference is skipped: %s', (jql) => {
    expect(inferenceScope(withProjects(null, jql))).toBeNull()
    expect(candidateQueries(pullRequest(), withProjects(null, jql), null)).toEqual([])
  })
})

describe('the searches', () => {
  test('recent open issues, the author’s issues and a text search, each bounded', () => {
    const queries = candidateQueries(
      pullRequest({
        title: 'Guest checkout: pay without an account',
        headRef: 'feature/guest-checkout'
      }),
      withProjects(['SHOP']),
      '5b10a2844c20165700ede21g'
    )
    expect(queries).toEqual([
      {
        name: 'recent',
        jql: 'project in ("SHOP") AND (statusCategory != Done) ORDER BY updated DESC',
        max: 100
      },
      {
        name: 'author',
        jql: 'project in ("SHOP") AND (statusCategory != Done) AND assignee = "5b10a2844c20165700ede21g" ORDER BY updated DESC',
        max: 50
      },
      {
        name: 'text',
        jql: 'project in ("SHOP") AND (statusCategory != Done) AND (text ~ "checkout" OR text ~ "without" OR text ~ "account" OR text ~ "guest")',
        max: 50
      }
    ])
  })

  test('a hostile PR title reaches JQL as quoted words only', () => {
    const [, text] = candidateQueries(
      pullRequest({ title: 'x" OR project = SECRET OR text ~ "y', headRef: 'evil\\branch' }),
      withProjects(['SHOP']),
      null
    )
    expect(text?.jql).toBe(
      'project in ("SHOP") AND (statusCategory != Done) AND (text ~ "project" OR text ~ "secret" OR text ~ "text" OR text ~ "evil")'
    )
  })

  test('distinctive words skip short, numeric and everyday PR words', () => {
    expect(
      distinctiveWords(
        pullRequest({
          title: 'Bump lodash from 4.17.20 to 4.17.21',
          headRef: 'dependabot/npm_and_yarn/lodash-4.17.21'
        })
      )
    ).toEqual(['dependabot', 'lodash', 'yarn'])
  })

  test('the author’s Jira user comes from the users table, by accountId only', () => {
    const s = settings()
    s.rules.suggestReviewers.users = {
      'jane@example.com': 'janedoe',
      '5b10ac8d82e05b22cc7d4ef5': 'OctoCat'
    }
    expect(authorJiraId('octocat', s)).toBe('5b10ac8d82e05b22cc7d4ef5')
    expect(authorJiraId('janedoe', s)).toBeNull()
  })
})
