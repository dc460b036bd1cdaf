import { describe, expect, it } from 'vitest';
import { EditFailure, withDigest } from './edit-digest.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

describe('lock edits chart.yaml minimally: one digest line, every other byte kept', () => {
  it('inserts the digest after the version line, comments and order kept', () => {
    const text = '# upstream: cert-manager\nrepo: https://charts.jetstack.io\nchart: cert-manager\nversion: v1.19.6 # newest 1.19\nkubernetes:\n  min: "1.31"\n';
    expect(withDigest(text, A)).toBe(`# upstream: cert-manager\nrepo: https://charts.jetstack.io\nchart: cert-manager\nversion: v1.19.6 # newest 1.19\ndigest: ${A}\nkubernetes:\n  min: "1.31"\n`);
  });

  it('replaces an existing digest value and keeps what follows it', () => {
    expect(withDigest(`version: 1.0.0\ndigest: ${A}   # locked 2026-08\nreason: x\n`, B)).toBe(`version: 1.0.0\ndigest: ${B}   # locked 2026-08\nreason: x\n`);
    expect(withDigest(`version: 1.0.0\ndigest: "${A}"\n`, B)).toBe(`version: 1.0.0\ndigest: ${B}\n`);
    expect(withDigest(`digest:   '${A}'\nversion: 1.0.0\n`, B)).toBe(`digest:   ${B}\nversion: 1.0.0\n`);
  });

  it('keeps CRLF line endings and a missing final newline', () => {
    expect(withDigest('repo: https://x.example\r\nversion: 1.0.0\r\nchart: x\r\n', A)).toBe(`repo: https://x.example\r\nversion: 1.0.0\r\ndigest: ${A}\r\nchart: x\r\n`);
    expect(withDigest('chart: x\nversion: 1.0.0', A)).toBe(`chart: x\nversion: 1.0.0\ndigest: ${A}`);
    expect(withDigest('chart: x\r\nversion: 1.0.0', A)).toBe(`chart: x\r\nversion: 1.0.0\r\ndigest: ${A}`);
  });

  it('is idempotent and byte-stable', () => {
    const once = withDigest('chart: x\nversion: 1.0.0\n', A);
    expect(withDigest(once, A)).toBe(once);
  });

  it('only touches top-level keys: a nested digest or version is not the pin', () => {
    const text = 'chart: x\nnotes:\n  version: 9.9.9\n  digest: keep\nversion: 1.0.0\n';
    expect(withDigest(text, A)).toBe(`chart: x\nnotes:\n  version: 9.9.9\n  digest: keep\nversion: 1.0.0\ndigest: ${A}\n`);
  });

  it.each([
    ['a flow mapping', `{chart: x, version: 1.0.0}\n`],
    ['a digest whose value sits on the next line', `version: 1.0.0\ndigest:\n  ${A}\n`],
    ['no version line', 'chart: x\n'],
    ['a quoted key', `"version": 1.0.0\n"digest": ${A}\n`],
  ])('refuses what the line rule cannot edit safely: %s', (_name, text) => {
    expect(() => withDigest(text, B)).toThrow(EditFailure);
  });
});
