import { join } from 'node:path';

/**
 * The whole environment a helm process gets: nothing inherited, so no
 * HELM_*, KUBECONFIG, proxy or locale of the caller can change a render.
 *
 * - HOME and Helm's three XDG homes, its repository and registry files and its
 *   plugin folder all sit in `home`, a fresh temporary folder per render:
 *   no plugins, no repositories, no credentials (helm.sh/helm/v3
 *   pkg/cli/environment.go and pkg/helmpath read exactly these variables).
 * - KUBECONFIG names a file that does not exist: `helm template` without
 *   --validate never contacts a cluster, and this makes sure of it.
 * - Every proxy variable points at a closed loopback port, so anything that
 *   would reach the network (a values.schema.json `$ref` to an https URL,
 *   which Helm's JSON-schema loader fetches) fails at once instead.
 * - TZ=UTC and LC_ALL=C: templates that format dates (`now | date`) do so in
 *   one zone on every machine.
 */
export function hermeticEnv(home: string): Record<string, string> {
  const closedProxy = 'http://127.0.0.1:9';
  return {
    HOME: home,
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
    HELM_PLUGINS: join(home, 'plugins'),
    HELM_REPOSITORY_CONFIG: join(home, 'config', 'repositories.yaml'),
    HELM_REPOSITORY_CACHE: join(home, 'cache', 'repository'),
    HELM_REGISTRY_CONFIG: join(home, 'config', 'registry', 'config.json'),
    KUBECONFIG: join(home, 'no-kubeconfig'),
    HTTP_PROXY: closedProxy,
    HTTPS_PROXY: closedProxy,
    http_proxy: closedProxy,
    https_proxy: closedProxy,
    NO_PROXY: '',
    no_proxy: '',
    TZ: 'UTC',
    LC_ALL: 'C',
    LANG: 'C',
    PATH: '/nonexistent',
  };
}
