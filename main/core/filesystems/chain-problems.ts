import type { ChainEnd } from './cluster-chain'

/** An analyst-readable reason for a cluster chain that stopped early. */
export function describeChainEnd(end: ChainEnd): string {
  switch (end) {
    case 'eof':
      return 'the cluster chain ends early.'
    case 'limit':
      return 'the cluster chain is longer than the size allows; the rest is ignored.'
    case 'free':
      return 'the cluster chain runs into a free cluster.'
    case 'bad':
      return 'the cluster chain runs into a cluster marked bad.'
    case 'invalid':
      return 'the cluster chain points outside the cluster heap.'
    case 'loop':
      return 'the cluster chain loops back on itself.'
    case 'unreadable':
      return 'the cluster chain could not be read (FAT outside the image).'
  }
}
