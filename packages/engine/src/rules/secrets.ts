import { EMPTY_ALLOW_LIST, scanTree } from '../secrets/scan.js';
import type { Finding } from './finding.js';
import type { Rule } from './rule.js';

/**
 * No credential in any file of the tree: secrets are referenced by name,
 * never rendered. The scan (packages/engine/src/secrets/) reads every file as
 * bytes and as parsed documents; an allow-list entry excuses one exact value
 * at one path.
 */
export const secrets: Rule = {
  id: 'secret',
  summary: 'no credential in any file of the tree, comments and keys included',
  check(view) {
    return scanTree(view.tree, view.secretAllowList ?? EMPTY_ALLOW_LIST, view.scanHints).map(
      (problem): Finding => ({
        rule: this.id,
        severity: 'error',
        file: problem.file ?? '(tree)',
        message: problem.message,
        // The byte scan places a finding by line (`line 11`): kept as a line, so reports point at it.
        ...(/^line \d+$/.test(problem.field ?? '') ? { line: Number(problem.field?.slice(5)) } : problem.field ? { field: problem.field } : {}),
        ...(problem.hint ? { hint: problem.hint } : {}),
      }),
    );
  },
};
