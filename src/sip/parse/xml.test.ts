import { describe, expect, it } from 'vitest';
import { BodyParseError, childText, decodeEntities, firstChild, parseXml } from './xml.js';

function parseError(fn: () => unknown): BodyParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BodyParseError) return e;
    throw e;
  }
  throw new Error('expected a BodyParseError');
}

describe('parseXml', () => {
  it('parses the declaration, comments, attributes, text and self-closing tags', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<!-- hi --><a x="1" y=\'two\'>\n  <b/>\t<c z = "3">text</c><!-- in --></a>\n',
    );
    expect(root.name).toBe('a');
    expect(root.attrs).toEqual({ x: '1', y: 'two' });
    expect(root.children.map((c) => c.name)).toEqual(['b', 'c']);
    expect(root.children[1]?.attrs).toEqual({ z: '3' });
    expect(childText(root, 'c')).toBe('text');
  });

  it('strips namespace prefixes from element and attribute names, keeps xmlns declarations', () => {
    const root = parseXml(
      '<p:presence xmlns:p="urn:ietf:params:xml:ns:pidf" xmlns="x" p:entity="sip:a@b"><dm:person/></p:presence>',
    );
    expect(root.name).toBe('presence');
    expect(root.attrs).toEqual({
      'xmlns:p': 'urn:ietf:params:xml:ns:pidf',
      xmlns: 'x',
      entity: 'sip:a@b',
    });
    expect(root.children[0]?.name).toBe('person');
  });

  it('decodes entities in text and attributes; keeps unknown ones literally', () => {
    const root = parseXml(
      '<a v="&lt;sip:1@x&gt;;a=&quot;b&quot;&amp;c">&apos;&#65;&#x42;&nbsp;&#0;&#xD800;</a>',
    );
    expect(root.attrs['v']).toBe('<sip:1@x>;a="b"&c');
    expect(root.text).toBe("'AB&nbsp;\uFFFD\uFFFD");
    expect(decodeEntities('a & b')).toBe('a & b');
  });

  it('keeps CDATA content raw', () => {
    expect(parseXml('<a>x<![CDATA[<b>&amp;</b>]]>y</a>').text).toBe('x<b>&amp;</b>y');
  });

  it('tolerates a BOM and a DOCTYPE without internal subset', () => {
    expect(parseXml('\uFEFF<!DOCTYPE a><a/>').name).toBe('a');
  });

  it.each([
    ['', 'no root element'],
    ['   ', 'no root element'],
    ['<a>', 'unclosed element'],
    ['<a></b>', 'does not match'],
    ['<a/><b/>', 'more than one root'],
    ['text<a/>', 'text outside'],
    ['<a/>tail', 'text outside'],
    ['<a x=1/>', 'not quoted'],
    ['<a x/>', 'has no value'],
    ['<a x="1', 'unterminated value'],
    ['<a', 'unterminated start tag'],
    ['<a><!-- x</a>', 'unterminated comment'],
    ['<a><![CDATA[x</a>', 'unterminated CDATA'],
    ['<?xml version="1.0"', 'unterminated processing'],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a/>', 'unsupported markup'],
    ['</a>', 'unexpected end tag'],
    ['<>', 'invalid element name'],
    ['<a:/>', 'invalid element name'],
  ])('rejects %j (%s)', (input, reason) => {
    expect(parseError(() => parseXml(input)).reason).toContain(reason);
  });

  it('reports the element path of an error', () => {
    const e = parseError(() => parseXml('<a><b><c></b></a>'));
    expect(e.path).toBe('/a/b/c');
    expect(e.message).toContain('/a/b/c');
    expect(e.name).toBe('BodyParseError');
    expect(e).toBeInstanceOf(Error);
  });

  it('bounds nesting depth', () => {
    const deep = (n: number): string => '<a>'.repeat(n) + '</a>'.repeat(n);
    expect(parseXml(deep(64)).name).toBe('a');
    expect(parseError(() => parseXml(deep(65))).reason).toContain('nesting deeper than 64');
    expect(parseError(() => parseXml(deep(100_000))).reason).toContain('nesting');
    expect(parseXml(deep(5), { maxDepth: 5 }).name).toBe('a');
  });

  it('bounds input size', () => {
    const big = '<a>' + 'x'.repeat(1024 * 1024) + '</a>';
    expect(parseError(() => parseXml(big)).reason).toContain('too large');
    expect(parseXml('<a>' + 'x'.repeat(1000) + '</a>', { maxLength: 2000 }).text).toHaveLength(
      1000,
    );
  });

  it('handles many siblings and huge attributes linearly', () => {
    const many = '<r>' + '<d id="1"/>'.repeat(50_000) + '</r>';
    expect(parseXml(many).children).toHaveLength(50_000);
    const huge = `<r a="${'v'.repeat(500_000)}"/>`;
    expect(parseXml(huge).attrs['a']).toHaveLength(500_000);
  });

  it('attribute objects have no prototype to pollute', () => {
    const root = parseXml('<a __proto__="x" constructor="y"/>');
    expect(root.attrs['__proto__']).toBe('x');
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(firstChild(root, 'none')).toBeUndefined();
  });
});
