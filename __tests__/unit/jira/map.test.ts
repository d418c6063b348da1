import { plainText, toJiraIssue } from '../../../src/jira/map.js'
import { fixture } from './helpers.js'

describe('issue text for inference', () => {
  test('an ADF description becomes plain text, block by block', () => {
    const adf = {
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'heading',
          attrs: { level: 2 },
          content: [{ type: 'text', text: 'Guest checkout' }]
        },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Let shoppers pay ' },
            { type: 'text', text: 'without', marks: [{ type: 'strong' }] },
            { type: 'hardBreak' },
            { type: 'text', text: 'an account.' }
          ]
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'cart' }] }]
            }
          ]
        }
      ]
    }
    expect(plainText(adf)).toBe('Guest checkout\nLet shoppers pay without\nan account.\ncart')
  })

  test('a Data Center description (wiki markup) stays as it is; none is empty', () => {
    expect(plainText('h2. Title\n* item')).toBe('h2. Title\n* item')
    expect(plainText(null)).toBe('')
  })

  test('details are mapped only when asked for', () => {
    const json = structuredClone(fixture('bulkfetch').issues[0])
    json.fields.description = {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Body' }] }]
    }
    json.fields.components = [{ id: '1', name: 'checkout' }]
    json.fields.labels = ['web']
    json.fields.updated = '2026-11-20T10:00:00.000+0000'
    expect(toJiraIssue(json, 'https://x.test')?.details).toBeUndefined()
    expect(toJiraIssue(json, 'https://x.test', { details: true })?.details).toEqual({
      description: 'Body',
      components: ['checkout'],
      labels: ['web'],
      created: json.fields.created,
      updated: '2026-11-20T10:00:00.000+0000'
    })
  })

  test('the release dates of released fix versions; a version of an odd shape is left out, not the issue', () => {
    const json = structuredClone(fixture('bulkfetch').issues[0])
    json.fields.fixVersions = [
      { id: '1', name: '1.2', released: true, releaseDate: '2026-03-01' },
      { id: '2', name: '1.3', released: false, releaseDate: '2026-04-01' },
      { id: '3', name: '1.4', released: true, releaseDate: null },
      { id: '4', name: '2.0', released: 'yes', releaseDate: 20260501 },
      null
    ]
    const issue = toJiraIssue(json, 'https://x.test', { details: true })
    expect(issue?.details?.fixVersionDates).toEqual(['2026-03-01'])
  })

  test('links are mapped only when asked for; a link of a shape Jira does not send is left out, not the issue', () => {
    const json = structuredClone(fixture('bulkfetch').issues[0])
    json.fields.issuelinks = [
      { id: '1', type: { name: 'Blocks' }, inwardIssue: { key: 'ABC-3' } },
      { id: '2', type: { name: 'Relates' } },
      { id: '3', outwardIssue: { key: 'ABC-4' } }
    ]
    expect(toJiraIssue(json, 'https://x.test')?.links).toBeUndefined()
    expect(toJiraIssue(json, 'https://x.test', { links: true })?.links).toEqual([
      { type: 'Blocks', key: 'ABC-3' }
    ])
  })
})
