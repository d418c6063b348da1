/**
 * The Actions cache adapter: no service, a failing service and a read-only run are debug lines,
 * never an error, and a read-only run does not even try to save.
 */
import { jest } from '@jest/globals'
import { core } from '../../helpers/core-mock.js'

const { actionsCacheStore, readOnlyBecause } = await import('../../../src/cache/store.js')

function fakeService(available = true) {
  return {
    isFeatureAvailable: jest.fn(() => available),
    restoreCache: jest.fn(async (): Promise<string | undefined> => undefined),
    saveCache: jest.fn(async () => 1)
  }
}
const storeOn = (service: ReturnType<typeof fakeService>) =>
  actionsCacheStore(async () => service as never)

const saved = { ...process.env }
beforeEach(() => {
  core.debug.mockClear()
  process.env.RUNNER_TEMP = '/tmp'
  delete process.env.ACTIONS_CACHE_MODE
  process.env.GITHUB_EVENT_NAME = 'pull_request'
})
afterAll(() => {
  process.env = saved
})

test('no cache service: nothing restored or saved, a debug line', async () => {
  const service = fakeService(false)
  const store = storeOn(service)
  expect(await store.available()).toBe(false)
  expect(await store.load('p')).toBeNull()
  await store.save('p', Buffer.from('x'))
  expect(service.restoreCache).not.toHaveBeenCalled()
  expect(service.saveCache).not.toHaveBeenCalled()
  expect(core.debug).toHaveBeenCalledWith('Actions cache service not available: running uncached.')
})

test('a restore or a save that throws is a debug line', async () => {
  const service = fakeService()
  service.restoreCache.mockRejectedValueOnce(new Error('cache read denied: untrusted'))
  service.saveCache.mockRejectedValueOnce(new Error('503'))
  const store = storeOn(service)
  expect(await store.load('p')).toBeNull()
  await expect(store.save('p', Buffer.from('x'))).resolves.toBeUndefined()
  expect(core.debug).toHaveBeenCalledWith(expect.stringContaining('Cache restore of p failed'))
  expect(core.debug).toHaveBeenCalledWith(expect.stringContaining('Cache save of p failed'))
})

test('a read-only run (cache mode, pull_request_target, issue_comment) reads but never tries to save', async () => {
  for (const env of [
    { ACTIONS_CACHE_MODE: 'read' },
    { GITHUB_EVENT_NAME: 'pull_request_target' },
    { GITHUB_EVENT_NAME: 'issue_comment' }
  ]) {
    Object.assign(process.env, env)
    const service = fakeService()
    const store = storeOn(service)
    await store.load('p')
    await store.save('p', Buffer.from('x'))
    expect(service.restoreCache).toHaveBeenCalledTimes(1)
    expect(service.saveCache).not.toHaveBeenCalled()
    delete process.env.ACTIONS_CACHE_MODE
    process.env.GITHUB_EVENT_NAME = 'pull_request'
  }
  expect(readOnlyBecause({ ACTIONS_CACHE_MODE: 'write', GITHUB_EVENT_NAME: 'pull_request' })).toBe(
    null
  )
  expect(core.debug).toHaveBeenCalledWith(
    'Cache not saved: pull_request_target runs get a read-only cache token.'
  )
  expect(core.debug).toHaveBeenCalledWith(
    'Cache not saved: issue_comment runs get a read-only cache token.'
  )
  for (const event of ['push', 'schedule', 'workflow_dispatch']) {
    expect(readOnlyBecause({ GITHUB_EVENT_NAME: event })).toBeNull()
  }
})

test('a saved entry is written under a new key of its prefix, restored by prefix', async () => {
  const service = fakeService()
  const store = storeOn(service)
  await store.save('gitar-jira-v2-abc', Buffer.from('x'))
  const [paths, key] = service.saveCache.mock.calls[0] as unknown as [string[], string]
  expect(paths).toEqual(['/tmp/gitar-jira-cache/gitar-jira-v2-abc.bin'])
  expect(key).toMatch(/^gitar-jira-v2-abc-\d+$/)
  await store.load('gitar-jira-v2-abc')
  expect(service.restoreCache).toHaveBeenCalledWith(paths, 'gitar-jira-v2-abc-', [
    'gitar-jira-v2-abc-'
  ])
})
