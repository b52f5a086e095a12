/** Fluent Bit configured through the values of the fluent/helm-charts chart (`config.inputs: |` ...). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADAPTERS, isFluentBitHelmValues } from '../../src/adapters/fluent-bit.js';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { edgeList, firstDoc, inputOf, lc, outputOf } from './adapter-support.js';

const VALUES = `# Values for the fluent/helm-charts fluent-bit chart.
image:
  repository: cr.fluentbit.io/fluent/fluent-bit
config:
  service: |
    [SERVICE]
        Daemon Off
        storage.path /var/fluent-bit/state/flb-storage/
  inputs: |
    [INPUT]
        Name tail
        Path /var/log/containers/*.log
        Tag kube.*
        storage.type filesystem
  filters: |
    [FILTER]
        Name kubernetes
        Match kube.*
  outputs: |
    [OUTPUT]
        Name es
        Match kube.*
        Host elasticsearch-master
        tls On
`;

const adapter = ADAPTERS.documents[0];

describe('Fluent Bit Helm chart values', () => {
  test('claimed only when config.inputs or config.outputs holds classic sections', () => {
    assert.equal(isFluentBitHelmValues(firstDoc('values.yaml', VALUES).data), true);
    assert.equal(isFluentBitHelmValues({ config: { inputs: 'sources:\n  a: {}\n' } }), false);
    assert.equal(isFluentBitHelmValues({ image: { repository: 'x' } }), false);
    assert.equal(adapter?.claims('values.yaml', { replicaCount: 2, config: { logLevel: 'info' } }), false);
  });

  test('the parts are joined as the chart joins them, with lines where they sit in values.yaml', () => {
    const doc = firstDoc('values.yaml', VALUES);
    assert.ok(adapter?.claims('values.yaml', doc.data));
    if (!adapter) return;
    const read = adapter.read(doc, NO_INCLUDES);
    assert.equal(read.kind, 'fluent-bit');
    assert.deepEqual(read.problems, []);
    assert.equal(read.pipelines.length, 1);
    const pipeline = read.pipelines[0];
    assert.ok(pipeline);
    const tail = inputOf(pipeline, pipeline.inputs[0]?.id ?? '');
    assert.equal(tail.channel, 'containers', 'a tail of /var/log/containers reads container output');
    assert.equal(lc(tail.at), '10:5');
    const es = outputOf(pipeline, pipeline.outputs[0]?.id ?? '');
    assert.deepEqual([es.plugin, es.sinkKind, es.remote, es.tls, es.tlsVerify, es.durable], ['es', 'elasticsearch', true, true, true, true]);
    assert.equal(lc(es.at), '20:5');
    assert.equal(lc(es.locations.tls), '24:9');
    assert.equal(lc(es.locations.durable), '14:9', 'the filesystem buffer of the input decides');
    assert.equal(edgeList(pipeline).length, 1);
  });
});
