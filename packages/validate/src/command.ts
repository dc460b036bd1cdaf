import { CORE_KUBERNETES_VERSION } from './core/derive.js';
import { loadAddedSchemas, SchemaSourceError } from './added-schemas.js';
import { parseValidateArguments, UsageError } from './arguments.js';
import { DocumentSplitter } from './document-splitter.js';
import { collectInputs, type Input } from './inputs.js';
import { formatReport } from './output.js';
import { InputError, streamRegularFile, streamStdin } from './read-source.js';
import { isFleetYamlPath } from './registry.js';
import { normalize, referencedValuesFiles } from './values-files.js';
import { SUPPORTED_KUBERNETES_VERSIONS, UnsupportedKubernetesVersionError, ValidationRun } from './validator.js';

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Descriptor read for `-` (and when no path is named); default 0. */
  stdinFd?: number;
}

export const HELP = `Usage: validate [options] [--] [file or directory | -]...

Checks Kubernetes manifests offline, as kubeconform does, against the
Kubernetes core API (${SUPPORTED_KUBERNETES_VERSIONS.join(', ')}; default ${CORE_KUBERNETES_VERSION}) and the platform's custom
resources (HelmChart, HelmChartConfig, GitRepo, ClusterIssuer, Issuer,
ClusterPolicy), plus any CRDs given with --crd; fleet.yaml / fleet.yml files
are checked as Fleet bundle options. Directories are walked recursively in
sorted order, reading *.yaml, *.yml and *.json and skipping hidden
directories and symbolic links. Only regular files are read; \`-\` (or no path
at all) reads stdin. Files are streamed: memory grows with the largest
document, not the file. Helm values files named by a fleet.yaml
(helm.valuesFiles) are not manifests and are left out. A null field is
unset, as the API server reads it. kubeconform's one-dash spellings
(-summary, -strict) are accepted.

Options:
  --strict                       reject unknown fields and duplicate keys (default)
  --no-strict                    accept unknown fields; a duplicate key keeps its last value
  --kubernetes-version V         ${SUPPORTED_KUBERNETES_VERSIONS.join(', ')} (also v1.33, 1.33.2); default ${CORE_KUBERNETES_VERSION}
  --skip Kind,apiVersion/Kind    do not validate these kinds (repeatable)
  --reject Kind,apiVersion/Kind  report these kinds as errors (repeatable)
  --ignore-missing-schemas       skip kinds without a schema instead of failing
  --ignore-filename-pattern RE   leave out files whose path matches RE (repeatable)
  --crd FILE|DIR                 add the CustomResourceDefinitions found there (repeatable)
  --schema-location DIR          add JSON schemas named {kind}-{group}-{version}.json,
                                 {kind}_{version}.json or {group}/{kind}_{version}.json (repeatable)
  --output FORMAT                text (default), json, junit, tap (kubeconform's shapes) or
                                 codequality (GitLab's Code Quality JSON)
  --verbose                      also list valid and skipped resources (text, json)
  --summary / --no-summary       print the summary (default) or not
  --exit-on-error                stop at the first invalid or unreadable resource
  -h, --help                     show this help

Exit status: 0 all valid, 1 something invalid or not checkable, 2 usage error.
`;

/** `validate [options] [--] <file or directory | ->...`; returns the exit status. */
export function runValidateCommand(args: string[], io: CommandIo): number {
  try {
    const parsed = parseValidateArguments(args);
    if (parsed.help) {
      io.stdout(HELP);
      return 0;
    }
    const paths = parsed.paths.length === 0 ? ['-'] : parsed.paths;
    const inputs = collectInputs(paths, io.cwd, parsed.ignoreFilenamePatterns);
    const run = new ValidationRun({
      strict: parsed.strict,
      kubernetesVersion: parsed.kubernetesVersion,
      skipKinds: parsed.skipKinds,
      rejectKinds: parsed.rejectKinds,
      ignoreMissingSchemas: parsed.ignoreMissingSchemas,
      exitOnError: parsed.exitOnError,
      addedSchemas: loadAddedSchemas({ crds: parsed.crds, schemaLocations: parsed.schemaLocations, cwd: io.cwd, strict: parsed.strict }),
    });
    const valuesFiles = valuesFilesOf(inputs);
    for (const input of inputs) {
      if (run.stopped) break;
      if (input.kind === 'file' && valuesFiles.has(normalize(input.display))) continue;
      readInto(run, input, io);
    }
    const report = run.report();
    io.stdout(formatReport(report, parsed.output, { verbose: parsed.verbose, summary: parsed.summary, stdin: inputs.length === 1 && inputs[0]?.kind === 'stdin' }));
    return report.summary.invalid + report.summary.errors > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnsupportedKubernetesVersionError || error instanceof SchemaSourceError) {
      io.stderr(`validate: ${error.message}\nRun \`validate --help\` for usage.\n`);
      return 2;
    }
    throw error;
  }
}

/** Streams one input through the run: one document in memory at a time. */
function readInto(run: ValidationRun, input: Input, io: CommandIo): void {
  const sink = run.file(input.display);
  if (input.kind === 'missing') {
    sink.fail(input.message);
    return;
  }
  const splitter = new DocumentSplitter((chunk) => sink.chunk(chunk));
  try {
    if (input.kind === 'stdin') streamStdin(io.stdinFd ?? 0, (text) => splitter.write(text));
    else streamRegularFile(input.absolute, (text) => splitter.write(text));
    splitter.end();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    sink.fail(error.message);
  }
}

/**
 * Helm values files named by the fleet.yaml files among the inputs. A
 * fleet.yaml is read whole for this (bounded: an unreadable or oversized one
 * names nothing, and is reported when it is validated).
 */
function valuesFilesOf(inputs: readonly Input[]): Set<string> {
  const fleetFiles: Array<{ path: string; content: string }> = [];
  for (const input of inputs) {
    if (input.kind !== 'file' || !isFleetYamlPath(input.display)) continue;
    let content = '';
    try {
      streamRegularFile(input.absolute, (text) => {
        content += text;
        if (content.length > 1024 * 1024) throw new InputError('too large for a fleet.yaml');
      });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      continue;
    }
    fleetFiles.push({ path: input.display, content });
  }
  return fleetFiles.length === 0 ? new Set() : referencedValuesFiles(fleetFiles);
}
