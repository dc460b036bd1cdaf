import { CACHE_ENV } from './cache.js';
import { MIRROR_ENV } from './mirror.js';

// Apart from command.ts so the CLI can print its usage without loading the chart tools.
/** One line per option, for the CLI's help. */
export const CHARTS_USAGE = [
  'charts pull [--mirror URL] [--cache DIR] [chart-id...]',
  'charts lock [--mirror URL] [--update] [chart-id...]',
  '',
  '  pull      download each pinned chart archive into the cache and verify it against the digest locked in charts/<id>/chart.yaml;',
  '            an archive already cached with the locked bytes needs no network',
  '  lock      record each chart version\'s digest from its repository index into charts/<id>/chart.yaml',
  '  --mirror  one base URL for every chart repository: <URL>/<host>/<path> stands for https://<host>/<path> (default: $' + MIRROR_ENV + ')',
  '  --cache   the chart cache (default: $' + CACHE_ENV + ', else $XDG_CACHE_HOME/rke2-platform/charts, else ~/.cache/rke2-platform/charts)',
  '  --update  lock: accept a digest that changed for a version already locked (a re-published chart; check why first)',
].join('\n');
