import { describe, expect, it } from 'vitest';
import { parseResourceListNotify, parseRlmi } from './rlmi.js';
import { memberDialogInfo, rlsNotify } from './fixtures/kamailio.js';
import { reduceDialogs } from './dialogInfo.js';
import { reason } from './fixtures/reason.js';

const RLMI = `<?xml version="1.0" encoding="UTF-8"?>
<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="sip:blf@proto.test" version="3" fullState="true">
  <name xml:lang="en">BLF</name>
  <resource uri="sip:1001@proto.test">
    <name>Alice</name>
    <instance id="juwigmtboe" state="active" cid="&lt;bUZBsM@proto.test&gt;"/>
  </resource>
  <resource uri="sip:1002@proto.test"><instance id="hqzsuxtfyq" state="Terminated" reason="noresource"/></resource>
  <resource uri="tel:+1-555-0100"/>
</list>`;

describe('parseRlmi', () => {
  it('parses list attributes, resources and instances', () => {
    expect(parseRlmi(RLMI)).toEqual({
      uri: 'sip:blf@proto.test',
      version: 3,
      fullState: true,
      resources: [
        {
          uri: 'sip:1001@proto.test',
          user: '1001',
          name: 'Alice',
          instances: [{ id: 'juwigmtboe', state: 'active', cid: 'bUZBsM@proto.test' }],
        },
        {
          uri: 'sip:1002@proto.test',
          user: '1002',
          instances: [{ id: 'hqzsuxtfyq', state: 'terminated', reason: 'noresource' }],
        },
        { uri: 'tel:+1-555-0100', user: '+15550100', instances: [] },
      ],
    });
  });

  it.each([
    ['<lst/>', 'expected <list>'],
    ['<list version="1" fullState="true"/>', 'missing uri'],
    ['<list uri="sip:a@b" fullState="true"/>', 'invalid version'],
    ['<list uri="sip:a@b" version="1" fullState="maybe"/>', 'invalid fullState'],
    ['<list uri="sip:a@b" version="1" fullState="0"><resource/></list>', 'missing uri'],
    [
      '<list uri="sip:a@b" version="1" fullState="0"><resource uri="sip:c@d"><instance state="active"/></resource></list>',
      'missing id',
    ],
    [
      '<list uri="sip:a@b" version="1" fullState="0"><resource uri="sip:c@d"><instance id="i" state="gone"/></resource></list>',
      'unknown instance state',
    ],
  ])('rejects %j', (xml, msg) => {
    expect(reason(() => parseRlmi(xml))).toContain(msg);
  });
});

describe('parseResourceListNotify', () => {
  it('joins RLMI instances to dialog-info parts by Content-ID', () => {
    const { contentType, body } = rlsNotify();
    const r = parseResourceListNotify(contentType, body);
    expect(r.list).toMatchObject({ uri: 'sip:blf@proto.test', version: 1, fullState: false });
    expect(r.list.resources.map((x) => [x.user, x.name, x.instances[0]?.cid])).toEqual([
      ['1001', 'Ext 1001', 'cid-1001@proto.test'],
      ['1002', 'Ext 1002', 'cid-1002@proto.test'],
    ]);
    expect(r.parts.map((p) => [p.resourceUser, p.dialogInfo?.entityUser, p.error])).toEqual([
      ['1001', '1001', undefined],
      ['1002', '1002', undefined],
    ]);
    expect(r.parts.map((p) => reduceDialogs(p.dialogInfo?.dialogs ?? []))).toEqual([
      'busy',
      'ringing',
    ]);
    expect(r.parts[1]?.dialogInfo?.dialogs[0]).toMatchObject({
      remoteUser: '1003',
      remoteDisplay: 'Caller',
    });
  });

  it('works with LF line endings and an unusual boundary', () => {
    const { contentType, body } = rlsNotify({ eol: '\n', boundary: "'()+_,-./:=? x" });
    expect(
      parseResourceListNotify(contentType, body).parts.every((p) => p.dialogInfo !== undefined),
    ).toBe(true);
  });

  it('one bad part is reported in error without discarding the good ones', () => {
    const { contentType, body } = rlsNotify({
      members: [
        { user: '1001', state: 'confirmed' },
        { user: '1002', state: 'ringing' }, // unknown state
        { user: '1004', state: 'early', body: '<dialog-info version="1"' }, // truncated
        { user: '1005', state: 'early' },
      ],
    });
    const r = parseResourceListNotify(contentType, body);
    expect(r.parts.map((p) => [p.resourceUser, p.dialogInfo !== undefined, p.error?.name])).toEqual(
      [
        ['1001', true, undefined],
        ['1002', false, 'BodyParseError'],
        ['1004', false, 'BodyParseError'],
        ['1005', true, undefined],
      ],
    );
    expect(r.parts[1]?.error?.path).toBe('cid:cid-1002@proto.test/dialog-info/dialog[1]/state');
    expect(r.parts[1]?.error?.reason).toContain('unknown dialog state "ringing"');
  });

  it('reports a missing part and an unsupported part type per instance', () => {
    const b = 'bnd';
    const rlmi = `<list uri="sip:blf@x" version="2" fullState="false">
      <resource uri="sip:1001@x"><instance id="1" state="active" cid="&lt;A@x&gt;"/></resource>
      <resource uri="sip:1002@x"><instance id="2" state="active" cid="b@x"/></resource>
      <resource uri="sip:1003@x"><instance id="3" state="pending"/></resource>
    </list>`;
    const body = [
      `--${b}`,
      'Content-Type: application/rlmi+xml',
      'Content-ID: <root@x>',
      '',
      rlmi,
      `--${b}`,
      'Content-Type: application/pidf+xml',
      'content-id: <a@X>',
      '',
      '<presence entity="sip:1001@x"/>',
      `--${b}--`,
      '',
    ].join('\r\n');
    const r = parseResourceListNotify(
      `multipart/related;type="application/rlmi+xml";start="<root@x>";boundary=${b}`,
      body,
    );
    expect(r.parts.map((p) => [p.resourceUser, p.error?.reason])).toEqual([
      ['1001', 'unsupported part type "application/pidf+xml"'], // matched case-insensitively, with <>
      ['1002', 'no body part with this Content-ID'],
    ]);
  });

  it('finds the root by start even when it is not first; falls back to the first part', () => {
    const b = 'q';
    const di = memberDialogInfo('1001', 1, 'early');
    const rlmi =
      '<list uri="sip:blf@x" version="1" fullState="true"><resource uri="sip:1001@x"><instance id="1" state="active" cid="m@x"/></resource></list>';
    const body = [
      `--${b}`,
      'Content-Type: application/dialog-info+xml',
      'Content-ID: <m@x>',
      '',
      di,
      `--${b}`,
      'Content-Type: application/rlmi+xml',
      'Content-ID: <r@x>',
      '',
      rlmi,
      `--${b}--`,
    ].join('\r\n');
    expect(
      parseResourceListNotify(`multipart/related;start="<r@x>";boundary=${b}`, body).parts[0]
        ?.dialogInfo?.version,
    ).toBe(1);
    expect(
      reason(() => parseResourceListNotify(`multipart/related;boundary=${b}`, body)),
    ).toContain('not application/rlmi+xml');
  });

  it('throws when the RLMI root itself is malformed', () => {
    const { contentType, body } = rlsNotify();
    expect(
      reason(() =>
        parseResourceListNotify(contentType, body.replace('fullState="false"', 'fullState="nope"')),
      ),
    ).toContain('invalid fullState');
  });
});

describe('RLMI instance without a state', () => {
  it('reads a missing or empty state as pending', () => {
    const list = parseRlmi(
      '<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="sip:blf@x" version="3" fullState="false">' +
        '<resource uri="sip:1001@x"><instance id="a" cid="c1"/></resource>' +
        '<resource uri="sip:1002@x"><instance id="b" state="" cid="c2"/></resource></list>',
    );
    expect(list.resources.map((r) => r.instances[0]?.state)).toEqual(['pending', 'pending']);
  });
});
