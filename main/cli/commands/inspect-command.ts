import { resolve } from 'node:path'
import { openImage } from '../../core/evidence/image-layout'
import type { OpenedImage } from '../../core/evidence/image-layout'
import type { CliIo } from '../cli-context'
import { EXIT } from '../exit-codes'

/**
 * `outpost inspect <image> [--json]`: the layout of an image, like `img_stat` + `mmls` +
 * `fsstat`: container facts, the partition table, and each file system Outpost reads. Reads
 * headers only; nothing is written anywhere.
 */
export async function inspectCommand(
  options: { readonly image: string; readonly json: boolean },
  io: CliIo,
): Promise<number> {
  const image = await openImage(resolve(options.image))
  try {
    io.out(options.json ? `${JSON.stringify(describe(image), null, 2)}\n` : render(image))
    return EXIT.OK
  } finally {
    await image.close()
  }
}

function describe(image: OpenedImage): unknown {
  const { container, layout } = image
  return {
    format: container.format,
    files: container.files,
    mediaSize: container.size,
    sectorSize: container.sectorSize,
    storedHashes: container.storedHashes,
    details: container.details,
    volumeSystem: {
      scheme: layout.scheme,
      sectorSize: layout.sectorSize,
      diskId: layout.diskId,
      warnings: layout.warnings,
    },
    volumes: image.volumes.map(({ volume, fileSystem, problem }) => ({
      index: volume.index,
      slot: volume.slot,
      start: volume.start,
      length: volume.length,
      startSector: volume.start / layout.sectorSize,
      sectors: volume.length / layout.sectorSize,
      type: volume.type,
      name: volume.name,
      fileSystem: fileSystem && {
        kind: fileSystem.kind,
        label: fileSystem.label,
        clusterSize: fileSystem.clusterSize,
        details: fileSystem.details,
      },
      problem,
    })),
    unpartitioned: layout.unpartitioned,
  }
}

function render(image: OpenedImage): string {
  const { container, layout } = image
  const lines = [
    `Image: ${container.format}, ${container.size} bytes${container.sectorSize ? `, ${container.sectorSize}-byte sectors` : ''}`,
    ...container.files.map((f) => `  host file ${f}`),
    ...Object.entries(container.details).map(([k, v]) => `  ${k}: ${String(v)}`),
    ...Object.entries(container.storedHashes).map(([k, v]) => `  stored ${k}: ${v}`),
    '',
    `Volume system: ${layout.scheme === 'none' ? 'none (the media is one volume)' : layout.scheme.toUpperCase()}, ${layout.sectorSize}-byte sectors`,
    ...layout.warnings.map((w) => `  warning: ${w}`),
    '      Slot      Start        End          Length       Type',
    ...image.volumes.map(({ volume }) => {
      const start = volume.start / layout.sectorSize
      const length = volume.length / layout.sectorSize
      const cells = [
        volume.slot || '-',
        pad(start),
        pad(start + length - 1),
        pad(length),
        volume.type + (volume.name ? ` "${volume.name}"` : ''),
      ]
      return `${String(volume.index).padStart(3, '0')}:  ${cells[0]?.padEnd(8)}  ${cells.slice(1).join('  ')}`
    }),
    ...layout.unpartitioned.map(
      (r) =>
        `     unpartitioned ${pad(r.offset / layout.sectorSize)}  ${pad(r.length / layout.sectorSize)} sectors`,
    ),
    '',
    ...image.volumes.flatMap(({ volume, fileSystem, problem }) =>
      fileSystem === null
        ? [`Volume ${volume.index}: no file system read${problem ? ` (${problem})` : ''}`]
        : [
            `Volume ${volume.index}: ${fileSystem.kind}${fileSystem.label ? ` "${fileSystem.label}"` : ''}, ${fileSystem.clusterSize}-byte clusters`,
            ...Object.entries(fileSystem.details).map(([k, v]) => `  ${k}: ${String(v)}`),
          ],
    ),
  ]
  return `${lines.join('\n')}\n`
}

function pad(n: number): string {
  return String(Math.floor(n)).padStart(10, '0')
}
