import { describe, expect, it } from 'vitest';
import { BodyParseError } from './errors.js';
import { parseDialogInfo, type DialogInfoDialog } from './dialogInfo.js';
import {
  KAM_V1_TERMINATED,
  KAM_V2_TRYING,
  KAM_V3_EARLY,
  KAM_V4_CONFIRMED,
  KAM_V5_TERMINATED,
} from './fixtures/kamailio.js';

const doc = (
  dialogs: string,
  attrs = 'version="7" state="partial" entity="sip:1002@ozkit.test"',
): string =>
  `<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" ${attrs}>${dialogs}</dialog-info>`;

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof BodyParseError) return `${e.path}: ${e.reason}`;
    throw e;
  }
  throw new Error('expected a BodyParseError');
}

describe('parseDialogInfo — Kamailio 5.6 bodies', () => {
  it('v1: a lone terminated dialog, tabs around <state>', () => {
    expect(parseDialogInfo(KAM_V1_TERMINATED)).toEqual({
      entity: 'sip:1002@proto.test',
      entityUser: '1002',
      version: 1,
      state: 'full',
      dialogs: [
        { id: '615293b33c62dec073e05d9421e9f48b', direction: 'recipient', state: 'terminated' },
      ],
    });
  });

  it('v2: "Trying" in mixed case, no tags', () => {
    const d = parseDialogInfo(KAM_V2_TRYING);
    expect(d.version).toBe(2);
    expect(d.dialogs).toEqual([
      {
        id: 'padi-6b12c45c-3d3b-1',
        callId: 'b0q2ru7r2ksnikmtova6',
        direction: 'recipient',
        state: 'trying',
        remoteIdentity: 'sip:1001@proto.test',
        remoteTarget: 'sip:1001@proto.test',
        remoteUser: '1001',
        localIdentity: 'sip:1002@proto.test',
        localTarget: 'sip:1002@proto.test',
        localUser: '1002',
      },
    ]);
  });

  it('v3: early with tags and WebSocket contact targets', () => {
    const [d] = parseDialogInfo(KAM_V3_EARLY).dialogs;
    expect(d).toMatchObject({
      state: 'early',
      localTag: '7vhrccgsd8',
      remoteTag: 'g88lmvlmpq',
      remoteTarget: 'sip:kqlob2t2@s17ubf132kgv.invalid;transport=ws;ob;alias=127.0.0.1~60176~5',
      remoteUser: '1001', // from the identity, not the random contact user
      localUser: '1002',
    });
    expect(d?.localHeld).toBeUndefined();
  });

  it('v4: confirmed without tags plus a recently terminated dialog', () => {
    const d = parseDialogInfo(KAM_V4_CONFIRMED);
    expect(d.dialogs.map((x) => [x.id, x.state, x.localTag])).toEqual([
      ['padi-6b12c45c-3d3b-1', 'confirmed', undefined],
      ['615293b33c62dec073e05d9421e9f48b', 'terminated', undefined],
    ]);
  });

  it('v5: terminated with event and code', () => {
    expect(parseDialogInfo(KAM_V5_TERMINATED).dialogs[0]).toMatchObject({
      state: 'terminated',
      event: 'remote-bye',
      code: 200,
    });
  });
});

describe('parseDialogInfo — RFC 4235 shapes', () => {
  it('parses a full RFC 4235 dialog with display names, duration and params', () => {
    const d = parseDialogInfo(
      doc(`
      <dialog id="as7d900as8" call-id="a84b4c76e66710" local-tag="1928301774" remote-tag="456887766" direction="initiator">
        <state event="replaced" code="486">  CONFIRMED  </state>
        <duration>274</duration>
        <local>
          <identity display="Alice">sip:alice@example.com</identity>
          <target uri="sip:alice@pc33.example.com"><param pname="+sip.rendering" pvalue="no"/></target>
        </local>
        <remote>
          <identity>"Bob" &lt;sip:bob@example.org&gt;</identity>
          <target uri="sip:bobster@phone21.example.org;+sip.rendering=&quot;yes&quot;"/>
        </remote>
      </dialog>`),
    );
    expect(d).toMatchObject({ entityUser: '1002', version: 7, state: 'partial' });
    const x: DialogInfoDialog | undefined = d.dialogs[0];
    expect(x).toEqual({
      id: 'as7d900as8',
      callId: 'a84b4c76e66710',
      localTag: '1928301774',
      remoteTag: '456887766',
      direction: 'initiator',
      state: 'confirmed',
      event: 'replaced',
      code: 486,
      duration: 274,
      localIdentity: 'sip:alice@example.com',
      localDisplay: 'Alice',
      localTarget: 'sip:alice@pc33.example.com',
      localUser: 'alice',
      localHeld: true,
      remoteIdentity: '"Bob" <sip:bob@example.org>',
      remoteDisplay: 'Bob',
      remoteTarget: 'sip:bobster@phone21.example.org;+sip.rendering="yes"',
      remoteUser: 'bob',
      remoteHeld: false,
    });
  });

  it('accepts prefixed elements, tel: identities, missing call-id and unknown direction', () => {
    const d = parseDialogInfo(
      `<di:dialog-info xmlns:di="urn:ietf:params:xml:ns:dialog-info" version="0" state="FULL" entity="&lt;sip:1002@ozkit.test&gt;">
        <di:dialog id="x" direction="sideways"><di:state>proceeding</di:state>
          <di:remote><di:identity>tel:+49-30-1234</di:identity></di:remote>
          <di:local><di:target uri="sip:1002@10.0.0.1;+sip.rendering=no"/></di:local>
        </di:dialog>
      </di:dialog-info>`,
    );
    expect(d.entity).toBe('<sip:1002@ozkit.test>');
    expect(d.entityUser).toBe('1002');
    expect(d.state).toBe('full');
    expect(d.dialogs[0]).toEqual({
      id: 'x',
      state: 'proceeding',
      remoteIdentity: 'tel:+49-30-1234',
      remoteUser: '+49301234',
      localTarget: 'sip:1002@10.0.0.1;+sip.rendering=no',
      localUser: '1002', // no identity: falls back to the target
      localHeld: true,
    });
  });

  it('accepts a document with no dialogs', () => {
    expect(
      parseDialogInfo(doc('', 'version="3" state="full" entity="sip:1001@x"')).dialogs,
    ).toEqual([]);
  });

  it.each([
    ['<presence/>', 'expected <dialog-info>'],
    [doc('', 'version="1" state="full"'), 'missing entity'],
    [doc('', 'state="full" entity="sip:a@b"'), 'invalid version'],
    [doc('', 'version="-1" state="full" entity="sip:a@b"'), 'invalid version'],
    [doc('', 'version="1" entity="sip:a@b"'), 'invalid state'],
    [doc('', 'version="1" state="delta" entity="sip:a@b"'), 'invalid state'],
    [doc('<dialog><state>early</state></dialog>'), '/dialog-info/dialog[1]: missing id'],
    [doc('<dialog id="a"/>'), 'missing <state>'],
    [
      doc(
        '<dialog id="a"><state>early</state></dialog><dialog id="b"><state>ringing</state></dialog>',
      ),
      '/dialog-info/dialog[2]/state: unknown dialog state "ringing"',
    ],
    [doc('<dialog id="a"><state></state></dialog>'), 'unknown dialog state ""'],
    ['<dialog-info', 'unterminated'],
  ])('rejects %j', (body, msg) => {
    expect(reason(() => parseDialogInfo(body))).toContain(msg);
  });
});
