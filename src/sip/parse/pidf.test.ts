import { describe, expect, it } from 'vitest';
import { parsePidf, parsePresenceBody } from './pidf.js';
import { PIDF_OPEN } from './fixtures/kamailio.js';
import { reason } from './fixtures/reason.js';

describe('parsePidf', () => {
  it('parses tuples, RPID activities and notes', () => {
    expect(parsePidf(PIDF_OPEN)).toEqual({
      entity: 'sip:1001@proto.test',
      entityUser: '1001',
      tuples: [{ id: 't8f2a', basic: 'open', contact: 'sip:1001@192.0.2.10:5060', note: 'Online' }],
      note: 'On the phone',
      activities: ['on-the-phone', 'Lunch meeting'],
      online: true,
    });
  });

  it('closed, several tuples, presence-level note, unknown basic, missing id', () => {
    const d =
      parsePidf(`<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:1002@proto.test">
      <tuple id="a"><status><basic>CLOSED</basic></status></tuple>
      <tuple><status><basic>maybe</basic><activities><away/></activities></status></tuple>
      <note>Gone fishing</note>
    </presence>`);
    expect(d).toEqual({
      entity: 'pres:1002@proto.test',
      entityUser: '1002',
      tuples: [{ id: 'a', basic: 'closed' }, { id: '' }],
      note: 'Gone fishing',
      activities: ['away'],
      online: false,
    });
  });

  it('online when any tuple is open', () => {
    const d = parsePidf(
      '<presence entity="sip:a@b"><tuple id="1"><status><basic>closed</basic></status></tuple><tuple id="2"><status><basic>open</basic></status></tuple></presence>',
    );
    expect(d.online).toBe(true);
  });

  it.each([
    ['<dialog-info/>', 'expected <presence>'],
    ['<presence/>', 'missing entity'],
    ['<presence entity="sip:a@b">', 'unclosed'],
  ])('rejects %j', (xml, msg) => {
    expect(reason(() => parsePidf(xml))).toContain(msg);
  });
});

describe('parsePresenceBody', () => {
  it('returns null for an empty body (Kamailio: presentity without PUBLISHed state)', () => {
    expect(parsePresenceBody('application/pidf+xml', '')).toBeNull();
    expect(parsePresenceBody(undefined, ' \r\n')).toBeNull();
  });

  it('parses PIDF with or without a content type', () => {
    expect(parsePresenceBody('Application/PIDF+XML; charset=UTF-8', PIDF_OPEN)?.online).toBe(true);
    expect(parsePresenceBody(undefined, PIDF_OPEN)?.entityUser).toBe('1001');
  });

  it('rejects another content type', () => {
    expect(reason(() => parsePresenceBody('application/xpidf+xml', PIDF_OPEN))).toContain(
      'unsupported content type',
    );
  });
});
