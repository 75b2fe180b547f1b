import { describe, expect, test } from 'vitest'
import { upperHalfOfCores } from './export-process'

describe('the export process’s cores', () => {
  test('are the upper half of the cores the server may use, as the kernel lists them', () => {
    expect(upperHalfOfCores('Name:\tnode\nCpus_allowed_list:\t0-1\n')).toBe('1')
    expect(upperHalfOfCores('Cpus_allowed_list:\t0-7\n')).toBe('4,5,6,7')
    // A container's cpuset need not start at 0, nor be one range.
    expect(upperHalfOfCores('Cpus_allowed_list:\t2-3\n')).toBe('3')
    expect(upperHalfOfCores('Cpus_allowed_list:\t0,2,4-5\n')).toBe('4,5')
  })

  test('are not pinned with one core, or when the list cannot be read', () => {
    expect(upperHalfOfCores('Cpus_allowed_list:\t3\n')).toBeNull()
    expect(upperHalfOfCores('Name:\tnode\n')).toBeNull()
    expect(upperHalfOfCores('Cpus_allowed_list:\tzwei\n')).toBeNull()
  })
})
