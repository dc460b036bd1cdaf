import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { deriveCoreModel } from './derive.js';
import { GENERATED_MODEL_PATH } from './model.js';

/**
 * Install-time step (`postinstall` of @platform/engine): derive the core
 * Kubernetes schemas once and keep them beside the validator, git-ignored.
 * Nothing here touches the network; the input is the installed package.
 */
const model = deriveCoreModel();
mkdirSync(dirname(GENERATED_MODEL_PATH), { recursive: true });
writeFileSync(GENERATED_MODEL_PATH, `${JSON.stringify(model)}\n`);
process.stdout.write(
  `validate: ${Object.keys(model.kinds).length} core kinds from ${model.source} -> ${GENERATED_MODEL_PATH}\n`,
);
