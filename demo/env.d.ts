/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** ws:// or wss:// URL of a real PBX: the demo connects with the SIP backend. */
  readonly VITE_OZ_SERVER?: string;
  readonly VITE_OZ_USER?: string;
  readonly VITE_OZ_PASSWORD?: string;
  readonly VITE_OZ_DOMAIN?: string;
  readonly VITE_OZ_DIRECTORY?: string;
}
