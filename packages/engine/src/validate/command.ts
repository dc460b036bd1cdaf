import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

import { CORE_KUBERNETES_VERSION } from './core/derive.js';
import { formatReport, OUTPUT_FORMATS, type OutputFormat } from './output.js';
import type { ValidationInput } from './types.js';
import { UnsupportedKubernetesVersionError, validate } from './validator.js';

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

export const HELP = `Usage: validate <file or directory>... [options]

Checks Kubernetes manifests offline against the Kubernetes ${CORE_KUBERNETES_VERSION} API and
the platform's custom resources (HelmChart, HelmChartConfig, GitRepo,
ClusterIssuer, Issuer, ClusterPolicy); fleet.yaml / fleet.yml files are
checked as Fleet bundle options. Directories are walked recursively in sorted
order, reading *.yaml, *.yml and *.json and skipping hidden directories.
Helm values files named by a fleet.yaml (helm.valuesFiles) are not manifests
and are left out.

Options:
  --strict                  reject fields the schema does not know (default)
  --no-strict               accept unknown fields
  --kubernetes-version V    Kubernetes minor version (default ${CORE_KUBERNETES_VERSION}; only ${CORE_KUBERNETES_VERSION} is available)
  --skip Kind1,Kind2        do not validate these kinds (Kind or apiVersion/Kind);
                            may be repeated
  --output FORMAT           text (default), json, junit or tap
  -h, --help                show this help

Exit status: 0 all valid, 1 something invalid or not checkable, 2 usage error.
`;

interface Arguments {
  paths: string[];
  strict: boolean;
  kubernetesVersion: string;
  skipKinds: string[];
  output: OutputFormat;
  help: boolean;
}

class UsageError extends Error {}

function parseArguments(args: readonly string[]): Arguments {
  const parsed: Arguments = {
    paths: [],
    strict: true,
    kubernetesVersion: CORE_KUBERNETES_VERSION,
    skipKinds: [],
    output: 'text',
    help: false,
  };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = args[index + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      index += 1;
      return next;
    };
    switch (flag) {
      case '-h':
      case '--help':
        parsed.help = true;
        break;
      case '--strict':
        parsed.strict = true;
        break;
      case '--no-strict':
        parsed.strict = false;
        break;
      case '--kubernetes-version':
        parsed.kubernetesVersion = value();
        break;
      case '--skip':
        parsed.skipKinds.push(...value().split(',').map((kind) => kind.trim()).filter((kind) => kind !== ''));
        break;
      case '-o':
      case '--output': {
        const format = value();
        if (!OUTPUT_FORMATS.includes(format as OutputFormat)) {
          throw new UsageError(`unknown output format \`${format}\`; use one of ${OUTPUT_FORMATS.join(', ')}`);
        }
        parsed.output = format as OutputFormat;
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        parsed.paths.push(arg);
    }
  }
  return parsed;
}

const MANIFEST_EXTENSION = /\.(ya?ml|json)$/i;

/** Files under `dir`, depth first in sorted order; hidden directories skipped, as Fleet does. */
function walk(dir: string): string[] {
  const files: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) files.push(...walk(path));
    } else if (entry.isFile() && MANIFEST_EXTENSION.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

function collectInputs(paths: readonly string[], cwd: string): ValidationInput[] {
  const absolute: string[] = [];
  for (const path of paths) {
    const full = resolve(cwd, path);
    let stats;
    try {
      stats = statSync(full);
    } catch {
      throw new UsageError(`no such file or directory: ${path}`);
    }
    // A file named explicitly is read whatever its extension; a walk reads manifests only.
    if (stats.isDirectory()) absolute.push(...walk(full));
    else absolute.push(full);
  }
  const unique = [...new Set(absolute)];
  return unique.map((file) => ({ path: displayPath(file, cwd), content: readFileSync(file, 'utf8') }));
}

/** Relative to the working directory with `/` separators, or absolute when outside it. */
function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  const shown = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
  return shown.split(sep).join('/');
}

/** `validate <file or directory>... [options]`; returns the exit status. */
export function runValidateCommand(args: string[], io: CommandIo): number {
  try {
    const parsed = parseArguments(args);
    if (parsed.help) {
      io.stdout(HELP);
      return 0;
    }
    if (parsed.paths.length === 0) throw new UsageError('name at least one file or directory to validate');
    const report = validate(collectInputs(parsed.paths, io.cwd), {
      strict: parsed.strict,
      kubernetesVersion: parsed.kubernetesVersion,
      skipKinds: parsed.skipKinds,
    });
    io.stdout(formatReport(report, parsed.output));
    return report.summary.invalid + report.summary.errors > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnsupportedKubernetesVersionError) {
      io.stderr(`validate: ${error.message}\nRun \`validate --help\` for usage.\n`);
      return 2;
    }
    throw error;
  }
}
