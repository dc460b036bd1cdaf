import { error } from './finding.js';
import type { Rule } from './rule.js';

/**
 * The GitRepo lists bundle directories only. Fleet scans every listed path
 * for bundles and, with no paths at all, the whole repository
 * (internal/cmd/cli/apply: an empty path list means ".").
 */
export const gitRepoPaths: Rule = {
  id: 'gitrepo-paths',
  summary: 'the GitRepo exists and lists only directories that hold a fleet.yaml, never the repository root',
  check(view) {
    if (!view.gitRepo) return [error(this.id, view.layout.gitRepoFile, 'the GitRepo is missing')];
    const { file, paths } = view.gitRepo;
    if (paths.length === 0) return [error(this.id, file, 'spec.paths is empty: Fleet would deploy the whole repository', { field: 'spec.paths', hint: 'enable at least one Fleet bundle' })];
    return paths.flatMap((path) => {
      if (path === '' || path === '/' || path === '.' || path.startsWith('/')) return [error(this.id, file, `"${path}" makes Fleet scan the repository root`, { field: 'spec.paths' })];
      return view.tree.has(`${path}/fleet.yaml`) ? [] : [error(this.id, file, `${path} holds no fleet.yaml`, { field: 'spec.paths' })];
    });
  },
};
