import { describe, expect, it } from 'vitest';
import { parseCommandArgs, UsageError } from './args.js';
import { closest, editDistance } from '@platform/validate';
import { checkNpmSwallowedOptions } from './npm-swallowed.js';

const spec = { options: { config: { type: 'string' }, output: { type: 'string', choices: ['text', 'json'] }, write: { type: 'boolean' } } } as const;

describe('parseCommandArgs', () => {
  it('reads --flag value, --flag=value, booleans and everything after -- as positionals', () => {
    expect(parseCommandArgs(['--config', 'a.yaml', '--output=json', '--write'], spec).values).toEqual({ config: 'a.yaml', output: 'json', write: true });
    expect(parseCommandArgs(['--', '--config'], { ...spec, maxPositionals: 1 }).positionals).toEqual(['--config']);
  });

  it.each([
    [['--confg', 'a.yaml'], /unknown option "--confg" \(did you mean --config\?\)/],
    [['--outptu=json'], /unknown option "--outptu" \(did you mean --output\?\)/],
    [['--zzz'], /unknown option "--zzz"; options: --config, --output, --write$/],
    [['-c', 'a.yaml'], /unknown option "-c"/],
    [['stray'], /unexpected argument "stray": this command takes options only/],
    [['--config'], /--config needs a value/],
    [['--config='], /--config needs a value/],
    [['--write=yes'], /--write takes no value/],
    [['--output', 'jsno'], /--output must be one of text, json, not "jsno" \(did you mean json\?\)/],
  ])('refuses %j', (args, message) => {
    expect(() => parseCommandArgs(args, spec)).toThrow(UsageError);
    expect(() => parseCommandArgs(args, spec)).toThrow(message);
  });
});

describe('did-you-mean', () => {
  it('measures edits', () => {
    expect(editDistance('config', 'confg')).toBe(1);
    expect(editDistance('output', 'outptu')).toBe(1);
    expect(editDistance('json', 'jsno')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests only a close name, and never for a short unrelated word', () => {
    expect(closest('confg', ['config', 'output'])).toBe('config');
    expect(closest('x', ['config', 'output'])).toBeUndefined();
    expect(closest('verbose', ['config', 'output'])).toBeUndefined();
  });
});

describe("options npm swallowed before the script ran", () => {
  const env = (extra: Record<string, string>) => ({ npm_lifecycle_event: 'synth', npm_config_cache: '/root/.npm', npm_config_loglevel: 'silent', ...extra });

  it('names the option and the form that reaches the script', () => {
    expect(() => checkNpmSwallowedOptions('synth', ['config'], ['prod.yaml'], env({ npm_config_config: 'true' }))).toThrow(
      'npm took "--config" as its own setting, so synth never saw it; put it after --: npm run synth -- --config prod.yaml',
    );
    expect(() => checkNpmSwallowedOptions('synth', ['config'], [], env({ npm_config_confg: 'prod.yaml' }))).toThrow('npm run synth -- --config prod.yaml');
  });

  it("ignores npm's own settings, and runs outside npm", () => {
    expect(() => checkNpmSwallowedOptions('synth', ['config'], [], env({}))).not.toThrow();
    expect(() => checkNpmSwallowedOptions('synth', ['config'], [], { npm_config_config: 'true' })).not.toThrow();
  });
});
