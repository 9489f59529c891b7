import { describe, expect, it } from 'vitest';
import { escapeUser, partyOf, resolveServers, serverHost, targetUri } from '../../src/sip/uri';

describe('sip/uri', () => {
  it('a ws/wss URL is used as given; a host means wss://host/ws', () => {
    expect(resolveServers('ws://127.0.0.1:5066', undefined)).toEqual(['ws://127.0.0.1:5066']);
    expect(resolveServers('wss://pbx.example.com/sip', undefined)).toEqual([
      'wss://pbx.example.com/sip',
    ]);
    expect(resolveServers('pbx.example.com', undefined)).toEqual(['wss://pbx.example.com/ws']);
    expect(resolveServers(' 10.0.0.5:8089 ', undefined)).toEqual(['wss://10.0.0.5:8089/ws']);
    expect(resolveServers('[::1]:443', undefined)).toEqual(['wss://[::1]:443/ws']);
  });

  it('sip.servers wins over the connect() address and keeps its order', () => {
    expect(
      resolveServers('ignored.example.com', ['wss://a.example.com/ws', 'b.example.com']),
    ).toEqual(['wss://a.example.com/ws', 'wss://b.example.com/ws']);
    expect(resolveServers('x.example.com', [])).toEqual(['wss://x.example.com/ws']);
  });

  it('rejects what is neither a WebSocket URL nor a host, naming the option', () => {
    expect(() => resolveServers('', undefined)).toThrow(
      /connect\(serverAddress\): give a ws:\/\/ or wss:\/\/ URL/,
    );
    expect(() => resolveServers('http://pbx.example.com', undefined)).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => resolveServers('a', ['wss://ok.example.com', 'not a host'])).toThrow(
      /sip\.servers\[1\]/,
    );
  });

  it('serverHost is the default SIP domain', () => {
    expect(serverHost('wss://pbx.example.com:8089/ws')).toBe('pbx.example.com');
    expect(serverHost('ws://[::1]:80/')).toBe('::1');
  });

  it('numbers become sip:number@domain, SIP URIs are used as given', () => {
    expect(targetUri('1002', 'ozkit.test').toString()).toBe('sip:1002@ozkit.test');
    expect(targetUri('+3612345678', 'ozkit.test').toString()).toBe('sip:+3612345678@ozkit.test');
    expect(targetUri('*72', 'ozkit.test').toString()).toBe('sip:*72@ozkit.test');
    expect(targetUri('sip:alice@other.example.com', 'ozkit.test').toString()).toBe(
      'sip:alice@other.example.com',
    );
    expect(escapeUser('12#3')).toBe('12%233');
    expect(targetUri('12#', 'ozkit.test').user).toBe('12#');
  });

  it('partyOf gives the user part (decoded), else the host', () => {
    expect(partyOf(targetUri('12#', 'ozkit.test'))).toBe('12#');
    expect(partyOf(targetUri('sip:gateway.example.com', 'x'))).toBe('gateway.example.com');
    expect(partyOf(undefined)).toBe('');
  });
});
