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
    ...(bundle.dependsOn.length > 0 ? { dependsOn: bundle.dependsOn.map((dependency) => ({ name: dependency.fleetName })) } : {}),
  };
}

/** Values files keep a unique base name: Fleet drops files matching any valuesFiles base name. */
export function valuesFileName(bundle: FleetBundle): string | undefined {
  return bundle.props.helm ? `${bundle.props.helm.chart.id}.values.yaml` : undefined;
}
