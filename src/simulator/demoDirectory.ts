import { ExtensionType, OutsideLineType } from '../core/enums';
import type { DirectoryDocument } from '../core/types';

const person = (
  id: string,
  fullName: string,
  devices: string[],
  extra: { phoneNumber?: string; mobileNumber?: string } = {},
) => ({
  id,
  fullName,
  emailAddress: `${id}@example.com`,
  ...extra,
  devices,
});

/**
 * A small company on the simulated PBX: people on 1000–1012, an IVR on 8000, voicemail on 8500,
 * a support queue on 8600, a conference room on 8700 and three outside lines. User `admin` owns
 * 1000 (desk phone) and 1012 (webphone), so Ozeki's `getUserById('admin').devices[0]` dials 1000.
 * Phone numbers are from ranges reserved for fiction (+44 20 7946 0xxx, +44 7700 900xxx).
 */
export const demoDirectory: DirectoryDocument = deepFreeze({
  users: [
    person('admin', 'Alex Morgan', ['1000', '1012'], {
      phoneNumber: '+442079460100',
      mobileNumber: '+447700900100',
    }),
    person('anna', 'Anna Fischer', ['1001'], { phoneNumber: '+442079460101' }),
    person('bence', 'Bence Kovács', ['1002'], { mobileNumber: '+447700900102' }),
    person('chloe', 'Chloé Martin', ['1003'], { phoneNumber: '+442079460103' }),
    person('david', 'David Okafor', ['1004'], {
      phoneNumber: '+442079460104',
      mobileNumber: '+447700900104',
    }),
    person('emma', 'Emma Lindqvist', ['1005']),
    person('farid', 'Farid Haddad', ['1006'], { mobileNumber: '+447700900106' }),
    person('grace', 'Grace Liu', ['1007'], { phoneNumber: '+442079460107' }),
    person('hugo', 'Hugo Santos', ['1008']),
    person('isabel', 'Isabel García', ['1009'], { phoneNumber: '+442079460109' }),
    person('jonas', 'Jonas Weber', ['1010']),
    person('kate', "Kate O'Brien", ['1011'], { mobileNumber: '+447700900111' }),
  ],
  extensions: [
    { id: '1000', type: ExtensionType.SIP, displayName: 'Alex Morgan' },
    { id: '1001', type: ExtensionType.WEBPHONE, displayName: 'Anna Fischer' },
    { id: '1002', type: ExtensionType.SIP, displayName: 'Bence Kovács' },
    { id: '1003', type: ExtensionType.WEBPHONE, displayName: 'Chloé Martin' },
    { id: '1004', type: ExtensionType.SIP, displayName: 'David Okafor' },
    { id: '1005', type: ExtensionType.WEBPHONE, displayName: 'Emma Lindqvist' },
    { id: '1006', type: ExtensionType.SIP, displayName: 'Farid Haddad' },
    { id: '1007', type: ExtensionType.WEBPHONE, displayName: 'Grace Liu' },
    { id: '1008', type: ExtensionType.SIP, displayName: 'Hugo Santos' },
    { id: '1009', type: ExtensionType.SIP, displayName: 'Isabel García' },
    { id: '1010', type: ExtensionType.WEBPHONE, displayName: 'Jonas Weber' },
    { id: '1011', type: ExtensionType.SIP, displayName: "Kate O'Brien" },
    { id: '1012', type: ExtensionType.WEBPHONE, displayName: 'Alex Morgan (web)' },
    { id: '8000', type: ExtensionType.IVR, displayName: 'Main menu' },
    { id: '8500', type: ExtensionType.VOICEMAIL, displayName: 'Voicemail' },
    { id: '8600', type: ExtensionType.QUEUE, displayName: 'Support queue' },
    { id: '8700', type: ExtensionType.CONFERENCE, displayName: 'Conference room' },
  ],
  outsideLines: [
    { id: '9000', type: OutsideLineType.SIP_TRUNK, displayName: 'PSTN trunk' },
    { id: '9100', type: OutsideLineType.SIP_TRUNK, displayName: 'Mobile trunk' },
    { id: '9200', type: OutsideLineType.WEBPHONE, displayName: 'Website visitors' },
  ],
});

/** Shared by every simulator and test: nobody may change it under another. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
