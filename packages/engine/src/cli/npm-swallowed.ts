import { closest } from '@platform/validate/did-you-mean';
import { UsageError } from './args.js';

/**
 * `npm run synth --config prod.yaml` never passes `--config` to the script:
 * npm reads every option before `--` as one of its own settings, exports it as
 * `npm_config_config=true`, and hands the script only `prod.yaml`. The script
 * would then render the default cluster and report success. npm leaves a
 * trace of each such option in the environment; this finds the ones that are
 * (or are a typo of) the command's options and names the right form.
 */
export function checkNpmSwallowedOptions(command: string, options: readonly string[], positionals: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  if (!env.npm_lifecycle_event || options.length === 0) return;
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith('npm_config_') || NPM_OWN.has(key)) continue;
    const setting = key.slice('npm_config_'.length).replaceAll('_', '-');
    const meant = options.includes(setting) ? setting : closest(setting, options);
    if (!meant) continue;
    const argument = value === 'true' || value === '' ? (positionals[0] !== undefined ? ` ${positionals[0]}` : '') : ` ${value}`;
    const script = env.npm_lifecycle_event === 'platform' ? `platform -- ${command}` : `${env.npm_lifecycle_event} --`;
    throw new UsageError(`npm took "--${setting}" as its own setting, so ${command} never saw it; put it after --: npm run ${script} --${meant}${argument}`);
  }
}

/** Settings npm itself exports to every script: never the user's. */
const NPM_OWN = new Set(
  [
    'user_agent', 'noproxy', 'userconfig', 'local_prefix', 'yes', 'cafile', 'audit', 'prefix', 'npm_version', 'cache', 'node_gyp', 'loglevel', 'fund',
    'nodedir', 'update_notifier', 'globalconfig', 'init_module', 'omit_lockfile_registry_resolved', 'global_prefix', 'allow_scripts', 'registry', 'store_dir',
    'frozen_lockfile', 'color', 'silent', 'verify_deps_before_run', 'recursive', 'workspace', 'workspaces', 'include_workspace_root', 'if_present',
  ].map((name) => `npm_config_${name}`),
);
