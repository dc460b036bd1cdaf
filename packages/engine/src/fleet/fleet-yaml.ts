import type { InjectedField } from '../charts/catalog.js';
import type { FleetBundle } from '../model/bundle.js';

/** The fleet.yaml of a bundle: only keys Fleet 0.13 knows, dependsOn as computed names. */
export function fleetYaml(bundle: FleetBundle, valuesFileName: string | undefined): Record<string, unknown> {
  const { props } = bundle;
  const helm = props.helm;
  return {
    ...(props.nameOverride ? { name: props.nameOverride } : {}),
    ...(props.namespace ? { defaultNamespace: props.namespace } : {}),
    ...(props.namespaceLabels && Object.keys(props.namespaceLabels).length > 0 ? { namespaceLabels: { ...props.namespaceLabels } } : {}),
    ...(helm
      ? {
          helm: {
            repo: helm.chart.repo,
            chart: helm.chart.chart,
            version: helm.chart.version,
            releaseName: helm.releaseName,
            ...(valuesFileName ? { valuesFiles: [valuesFileName] } : {}),
            ...(helm.values && Object.keys(helm.values).length > 0 ? { values: helm.values } : {}),
            ...(helm.disablePreProcess ? { disablePreProcess: true } : {}),
          },
        }
      : {}),
    ...(helm?.chart.injected ? { diff: { comparePatches: comparePatches(helm.chart.injected) } } : {}),
    ...(bundle.dependsOn.length > 0 ? { dependsOn: bundle.dependsOn.map((dependency) => ({ name: dependency.fleetName })) } : {}),
  };
}

/** Values files keep a unique base name: Fleet drops files matching any valuesFiles base name. */
export function valuesFileName(bundle: FleetBundle): string | undefined {
  return bundle.props.helm ? `${bundle.props.helm.chart.id}.values.yaml` : undefined;
}

/**
 * Fleet counts a field a controller writes after install (a webhook's
 * caBundle) as drift, the BundleDeployment turns Modified, and a Modified
 * bundle is not Ready, so every bundle that depends on it waits forever:
 * rancher/fleet v0.13.15 internal/cmd/agent/deployer/deployer.go,
 * checkDependency (Ready condition), and monitor/updatestatus.go (Ready needs
 * NonModified); the caBundle fix (#5369) is only in v0.15.6 and v0.16.1.
 * diff.comparePatches with jsonPointers removes the field from both sides
 * before comparing (desiredset/diff.go, newNormalizers → NewIgnoreNormalizer;
 * a pointer that is absent is skipped). Rendered for every chart that
 * declares injected fields, whatever the Fleet version: on a fixed Fleet it
 * changes nothing.
 */
function comparePatches(fields: readonly InjectedField[]): Array<Record<string, unknown>> {
  return fields.map((field) => ({
    apiVersion: field.apiVersion,
    kind: field.kind,
    ...(field.name ? { name: field.name } : {}),
    jsonPointers: [...field.jsonPointers],
  }));
}
