import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ElectronBinary {
  found: boolean;
  /** The executable, or the file that would name it: what a skip message should show. */
  checked: string;
}

/**
 * Where the electron package's binary is, found without `require('electron')`: that entry point
 * tries to download the binary when it is missing, which is slow, and impossible offline.
 */
export function findElectronBinary(repoRoot: string, env: Record<string, string | undefined> = process.env): ElectronBinary {
  const packageDir = join(repoRoot, 'node_modules/electron');
  const pathFile = join(packageDir, 'path.txt');
  // as the package's own lookup: path.txt names the executable inside dist/ (or the override directory)
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = join(override, executable ?? 'electron');
    return { found: existsSync(binary), checked: binary };
  }
  if (!executable) return { found: false, checked: pathFile };
  const binary = join(packageDir, 'dist', executable);
  return { found: existsSync(binary), checked: binary };
}
