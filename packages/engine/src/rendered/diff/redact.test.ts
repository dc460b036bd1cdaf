import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderDiffJson } from '../format/json.js';
import { renderDiffMarkdown } from '../format/markdown.js';
import { renderDiffText } from '../format/text.js';
import type { RenderedTree } from '../model.js';
import { bundle, cluster, configMap, rendered, secret, tree } from '../testing.js';
import { diffRendered } from './diff-rendered.js';
import { REDACTED, REDACTED_CHANGED } from './redact.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** A value no output may contain; random, so no fixed string can match it by chance. */
function planted(label: string): string {
  return `${label}-${randomBytes(12).toString('hex')}`;
}

/**
 * Every way a Secret value reaches the diff. Each case plants values in the
 * base and head trees and names them; none of them, nor their base64, nor
 * (for data values) their base64-decoded form, may appear in any format.
 */
interface Case {
  readonly name: string;
  readonly base: RenderedTree;
  readonly head: RenderedTree;
  readonly values: readonly string[];
  /** What the diff must still say: the Secret fields and how they changed. */
  readonly fields: ReadonlyArray<readonly [string, string]>;
}

const inBundle = (objects: unknown[]): RenderedTree => tree(cluster('prod', [bundle('app', objects.map((object) => ({ object })))]));

function cases(): Case[] {
  const list: Case[] = [];
  {
    const [before, after, kept] = [planted('data-old'), planted('data-new'), planted('data-kept')];
    list.push({
      name: 'a data value changed (base64), another unchanged',
      base: inBundle([secret('db', 'apps', { data: { password: b64(before), username: b64(kept) } })]),
      head: inBundle([secret('db', 'apps', { data: { password: b64(after), username: b64(kept) } })]),
      values: [before, after, kept],
      fields: [['data.password', 'changed']],
    });
  }
  {
    const [before, after] = [planted('plain-old'), planted('plain-new')];
    list.push({
      name: 'a stringData value changed (plain text)',
      base: inBundle([secret('token', 'apps', { stringData: { token: before } })]),
      head: inBundle([secret('token', 'apps', { stringData: { token: after } })]),
      values: [before, after],
      fields: [['stringData.token', 'changed']],
    });
  }
  {
    const value = planted('renamed');
    list.push({
      name: 'a key renamed, same value',
      base: inBundle([secret('api', 'apps', { data: { 'api-key': b64(value) } })]),
      head: inBundle([secret('api', 'apps', { data: { apiKey: b64(value) } })]),
      values: [value],
      fields: [
        ['data.api-key', 'removed'],
        ['data.apiKey', 'added'],
      ],
    });
  }
  {
    const [data, plain] = [planted('added-data'), planted('added-plain')];
    list.push({
      name: 'a Secret added',
      base: inBundle([]),
      head: inBundle([secret('new', 'apps', { data: { cert: b64(data) }, stringData: { note: plain } })]),
      values: [data, plain],
      fields: [
        ['data.cert', 'added'],
        ['stringData.note', 'added'],
      ],
    });
  }
  {
    const value = planted('removed');
    list.push({
      name: 'a Secret removed',
      base: inBundle([secret('old', 'apps', { stringData: { password: value } })]),
      head: inBundle([]),
      values: [value],
      fields: [['stringData.password', 'removed']],
    });
  }
  {
    const [before, after, sibling] = [planted('list-old'), planted('list-new'), planted('list-sibling')];
    const list1 = (value: string) => ({ apiVersion: 'v1', kind: 'List', items: [secret('in-list', 'apps', { data: { key: b64(value) } }), { apiVersion: 'v1', kind: 'SecretList', items: [secret('nested', 'apps', { stringData: { key: sibling } })] }] });
    list.push({
      name: 'Secrets inside a List and a nested SecretList',
      base: inBundle([list1(before)]),
      head: inBundle([list1(after)]),
      values: [before, after, sibling],
      fields: [['data.key', 'changed']],
    });
  }
  {
    const [before, after] = [planted('applied-old'), planted('applied-new')];
    const withLastApplied = (value: string) => ({
      ...secret('applied', 'apps', { stringData: { password: value } }),
      metadata: { name: 'applied', namespace: 'apps', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ stringData: { password: value } }) } },
    });
    list.push({
      name: "kubectl's last-applied copy in an annotation",
      base: inBundle([withLastApplied(before)]),
      head: inBundle([withLastApplied(after)]),
      values: [before, after],
      fields: [
        ['metadata.annotations.kubectl.kubernetes.io/last-applied-configuration', 'changed'],
        ['stringData.password', 'changed'],
      ],
    });
  }
  {
    const [before, after, odd] = [planted('odd-old'), planted('odd-new'), planted('odd-field')];
    list.push({
      name: 'values in malformed places: data as a string, an unknown field, a non-string type',
      base: inBundle([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'odd', namespace: 'apps' }, data: before, extra: { nested: odd }, type: { value: odd } }]),
      head: inBundle([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'odd', namespace: 'apps' }, data: after, extra: { nested: odd }, type: { value: odd } }]),
      values: [before, after, odd],
      fields: [['data', 'changed']],
    });
  }
  {
    const [before, after] = [planted('version-old'), planted('version-new')];
    list.push({
      name: 'a Secret under another core version, with a value changed',
      base: inBundle([{ ...secret('v', 'apps', { stringData: { k: before } }), apiVersion: 'v1' }]),
      head: inBundle([{ ...secret('v', 'apps', { stringData: { k: after } }), apiVersion: 'v2' }]),
      values: [before, after],
      fields: [['stringData.k', 'changed']],
    });
  }
  return list;
}

/** Every form of a planted value that would give it away. */
function forms(value: string): string[] {
  return [value, b64(value), Buffer.from(value, 'utf8').toString('base64url'), JSON.stringify(value).slice(1, -1)];
}

describe('Secret values never appear in any output', () => {
  const all = cases();

  it.each(all.map((item) => [item.name, item]))('%s', (_name, item) => {
    const result = diffRendered(item.base, item.head);
    const outputs = { text: renderDiffText(result), json: renderDiffJson(result), markdown: renderDiffMarkdown(result), result: JSON.stringify(result) };
    for (const [format, output] of Object.entries(outputs)) {
      for (const value of item.values) {
        for (const form of forms(value)) expect(output.includes(form), `${format} shows ${form}`).toBe(false);
      }
    }
    // The change is still visible, by field name and as a marked line in the diff.
    const changes = result.clusters.flatMap((each) => each.bundles.flatMap((one) => one.objects.flatMap((object) => object.secretFields.map((field) => [field.field, field.change]))));
    expect(changes).toEqual(item.fields);
    expect(outputs.text.includes(REDACTED_CHANGED)).toBe(item.fields.some(([, change]) => change === 'changed'));
    expect(outputs.text).toContain(REDACTED);
  });

  it('shows that an unchanged Secret value stays the same: no diff line for it', () => {
    const kept = planted('kept');
    const result = diffRendered(inBundle([secret('s', 'apps', { data: { a: b64(kept) }, stringData: { b: 'x' } })]), inBundle([secret('s', 'apps', { data: { a: b64(kept) }, stringData: { b: 'y' } })]));
    const diff = result.clusters[0]?.bundles[0]?.objects[0]?.diff ?? '';
    expect(diff).toContain(`   a: ${REDACTED}`);
    expect(diff).toContain(`-  b: ${REDACTED}\n+  b: ${REDACTED_CHANGED}`);
  });

  it('redacts only Secrets: a ConfigMap value is shown, so the assertions above can fail', () => {
    const value = planted('configmap');
    const text = renderDiffText(diffRendered(inBundle([]), inBundle([configMap('c', 'apps', { v: value })])));
    expect(text).toContain(value);
  });

  it('is not fooled by a Secret-like kind in another group', () => {
    const value = planted('sealed');
    const text = renderDiffText(diffRendered(inBundle([]), inBundle([{ apiVersion: 'bitnami.com/v1alpha1', kind: 'Secret', metadata: { name: 'x' }, data: { v: value } }])));
    // Not a core Secret, so it is shown: the redaction keys on group and kind, as the API server does.
    expect(text).toContain(value);
  });

  it('keeps type, immutable, labels and names, which are not secret and which reviewers need', () => {
    const object = { ...secret('tls', 'apps', { data: { 'tls.crt': b64(planted('c')) } }), type: 'kubernetes.io/tls', immutable: true };
    const diff = diffRendered(inBundle([]), inBundle([object])).clusters[0]?.bundles[0]?.objects[0]?.diff ?? '';
    expect(diff).toContain('+type: kubernetes.io/tls');
    expect(diff).toContain('+immutable: true');
    expect(diff).toContain('+  name: tls');
    expect(diff).toContain(`+  tls.crt: ${REDACTED}`);
  });
});
