import nock from 'nock'

beforeAll(() => {
  nock.disableNetConnect()
  nock.enableNetConnect(/127\.0\.0\.1|localhost/)
})

afterEach(() => {
  nock.cleanAll()
})

// Without restore, undici responses of the next ESM test file get glued together (TOOLCHAIN.md).
afterAll(() => {
  nock.cleanAll()
  nock.enableNetConnect()
  nock.restore()
})
