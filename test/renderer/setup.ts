import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'
import { removeFakeBridge } from './fake-bridge'

// Vitest globals are off, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup()
  removeFakeBridge()
})
