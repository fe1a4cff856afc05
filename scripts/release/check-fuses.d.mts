/** Types of check-fuses.mjs, for the tests (the script itself is plain JS run by node). */
export interface FuseWire {
  readonly offset: number
  readonly version: number
  readonly length: number
  readonly states: readonly string[]
}
export declare const SENTINEL: Buffer
export declare const WIRE_VERSION: number
export declare const EXPECTED: readonly (readonly [string, string])[]
export declare function readFuseWires(binary: Buffer): FuseWire[]
export declare function checkWire(wire: FuseWire): { ok: boolean; lines: string[] }
export declare function fuseFile(path: string): string
export declare function main(argv: readonly string[], log?: (line: string) => void): number
