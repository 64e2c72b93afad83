import { execFileSync } from 'node:child_process';

export interface Revision {
  commit: string;
  /** True when src/ has uncommitted changes: the numbers belong to the working tree, not the commit. */
  dirty: boolean;
}

/**
 * The commit the bench measured, so a recorded run can be traced to code; null outside git.
 *
 * @example
 * revision('/work/main'); // { commit: 'cde38f0', dirty: false }
 */
export function revision(root: string): Revision | null {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    return { commit: git('rev-parse', '--short', 'HEAD'), dirty: git('status', '--porcelain', '--', 'src') !== '' };
  } catch {
    return null;
  }
}
