import type { Container } from '../../evidence/containers/container'
import { openContainer } from '../../evidence/containers/open-container'

const KEEP = 2

/**
 * The images a scan process has open, most recently used last: a scan reads one image for many
 * files, so its tables and caches are kept between jobs; at most {@link KEEP} stay open.
 */
export class ImageCache {
  private readonly open = new Map<string, Promise<Container>>()

  /** The image whose first file is `path`, opened once. */
  async get(path: string): Promise<Container> {
    const known = this.open.get(path)
    if (known !== undefined) {
      this.open.delete(path)
      this.open.set(path, known)
      return known
    }
    const opening = openContainer(path)
    this.open.set(path, opening)
    opening.catch(() => this.open.delete(path))
    while (this.open.size > KEEP) {
      const [oldest, container] = this.open.entries().next().value as [string, Promise<Container>]
      this.open.delete(oldest)
      void container.then((c) => c.close()).catch(() => undefined)
    }
    return opening
  }
}
