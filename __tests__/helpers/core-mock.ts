/**
 * A mocked @actions/core for ESM tests: import this module before any src module (the mock
 * applies to modules imported afterwards, dynamically), then assert on its jest.fn()s.
 */
import { jest } from '@jest/globals'

export const core = {
  debug: jest.fn(),
  info: jest.fn(),
  notice: jest.fn(),
  warning: jest.fn(),
  error: jest.fn(),
  setSecret: jest.fn()
}
jest.unstable_mockModule('@actions/core', () => core)
