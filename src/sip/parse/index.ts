/** Pure, dependency-free SIP body parsers (browser and Node). */
export { BodyParseError, MAX_BODY_LENGTH } from './errors.js';
export { parseXml, type XmlElement, type XmlParseOptions } from './xml.js';
export {
  parseDialogInfo,
  DIALOG_STATES,
  reduceDialogs,
  DialogInfoTracker,
  type DialogInfoApplyResult,
  type DialogInfoDialog,
  type DialogInfoDoc,
  type DialogLamp,
  type DialogState,
} from './dialogInfo.js';
export { parseMultipart, type MimePart } from './multipart.js';
export {
  parseRlmi,
  parseResourceListNotify,
  type Rlmi,
  type RlmiInstance,
  type RlmiResource,
  type ResourceListNotify,
  type ResourceListPart,
} from './rlmi.js';
export { parsePidf, parsePresenceBody, type PidfDoc, type PidfTuple } from './pidf.js';
export { parseContentType, type ContentType } from './contentType.js';
export { uriUser } from './values.js';
