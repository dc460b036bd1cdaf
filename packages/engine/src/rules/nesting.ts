import { posix } from 'node:path';
import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';

/**
 * Fleet packs every file under a bundle directory into that Bundle, nested
 * bundle directories included (internal/bundlereader), so a nested bundle's
 * objects would be deployed twice.
 */
export const nesting: Rule = {
  id: 'nesting',
  summary: 'no bundle directory sits inside another',
  check(view) {
    const dirs = new Set(view.bundles.map((bundle) => bundle.dir));
    const findings: Finding[] = [];
    for (const bundle of view.bundles) {
      for (let parent = posix.dirname(bundle.dir); parent !== '.' && parent !== '/'; parent = posix.dirname(parent)) {
        if (dirs.has(parent)) findings.push(error(this.id, `${parent}/fleet.yaml`, `bundle ${bundle.dir} is nested inside this one; Fleet would pack its files into both`, { hint: 'give each bundle its own directory side by side' }));
      }
    }
    return findings;
  },
};
