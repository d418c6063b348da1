/**
 * Jira refusing the key-less candidate search because a project it names does not exist: the
 * config key that names the project is blamed (an item of jira.projects, else candidate-jql),
 * as a mistake to fix; any other refusal is reported as Jira said it.
 */
import { ApiError } from 'jira.js'
import { searchFailure } from '../../../../src/rules/auto-link/search-failure.js'
import { settings } from '../../../helpers/facts.js'

const refused = (...messages: string[]) =>
  new ApiError(`GET /rest/api/3/search/jql: 400 Bad Request - ${messages[0]}`, 400, 'Bad Request', {
    errorMessages: messages,
    warningMessages: []
  })
const MISSING = (project: string) =>
  `The value '${project}' does not exist for the field 'project'.`

test('a typo in jira.projects: that item is blamed, and every project Jira lacks is named', () => {
  const s = settings()
  s.jira.projects = ['SHOP', 'SHPO', 'OPZ']
  expect(searchFailure(refused(MISSING('SHPO'), MISSING('OPZ')), s)).toEqual({
    message:
      'Jira has no project SHPO, OPZ (or the account cannot see them), so key-less linking could not search for candidates; the issues the PR names are linked as usual.',
    kind: 'user',
    setting: ['jira', 'projects', 1]
  })
})

test('a project only candidate-jql names: candidate-jql is blamed', () => {
  const s = settings({ autoLink: { candidateJql: 'project = NOPE AND statusCategory != Done' } })
  expect(searchFailure(refused(MISSING('NOPE')), s)).toMatchObject({
    kind: 'user',
    setting: ['rules', 'auto-link', 'candidate-jql']
  })
})

test('any other refusal: as Jira said it, no key blamed', () => {
  const s = settings()
  s.jira.projects = ['SHOP']
  const failure = searchFailure(refused("Field 'sprnt' does not exist."), s)
  expect(failure).toEqual({
    message: expect.stringContaining("Field 'sprnt' does not exist."),
    kind: 'other'
  })
})
