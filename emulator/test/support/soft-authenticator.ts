import { encodeCBOR, type CBORType } from '@levischuck/tiny-cbor';

/**
 * A software passkey authenticator for tests without a browser: it answers WebAuthn creation and
 * request options with the JSON a browser's PublicKeyCredential.toJSON() gives (ES256 key, "none"
 * attestation, user present and verified). The e2e specs use Chromium's virtual authenticator instead.
 */

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const fromB64url = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));
const sha256 = async (data: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(data)));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
};

const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

interface Credential {
  id: Uint8Array;
  rpId: string;
  userHandle: Uint8Array;
  keys: CryptoKeyPair;
  signCount: number;
}

/** WebCrypto signs ECDSA as r||s; WebAuthn wants the ASN.1 DER SEQUENCE of two INTEGERs. */
function derSignature(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    const trimmed = bytes.slice(i);
    const body = trimmed[0]! & 0x80 ? concat(new Uint8Array([0]), trimmed) : trimmed;
    return concat(new Uint8Array([0x02, body.length]), body);
  };
  const seq = concat(integer(raw.slice(0, 32)), integer(raw.slice(32)));
  return concat(new Uint8Array([0x30, seq.length]), seq);
}

async function coseKey(key: CryptoKey): Promise<Uint8Array> {
  const jwk = await crypto.subtle.exportKey('jwk', key);
  // COSE_Key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y
  const map = new Map<number, CBORType>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, fromB64url(jwk.x!)],
    [-3, fromB64url(jwk.y!)],
  ]);
  return encodeCBOR(map);
}

const clientData = (type: string, challenge: string, origin: string) =>
  new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }));

export interface CreationOptionsJson {
  rp: { id?: string };
  user: { id: string };
  challenge: string;
}
export interface RequestOptionsJson {
  rpId: string;
  challenge: string;
  allowCredentials?: { id: string }[];
}

export function softAuthenticator() {
  const credentials: Credential[] = [];
  return {
    credentials,
    /** navigator.credentials.create(): a new ES256 credential for the rp, as toJSON() shows it. */
    async create(options: CreationOptionsJson, origin: string) {
      const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
      const id = crypto.getRandomValues(new Uint8Array(16));
      const credential: Credential = { id, rpId: options.rp.id ?? '', userHandle: fromB64url(options.user.id), keys, signCount: 0 };
      credentials.push(credential);
      const attested = concat(new Uint8Array(16), new Uint8Array([0, id.length]), id, await coseKey(keys.publicKey));
      const authData = concat(await sha256(new TextEncoder().encode(credential.rpId)), new Uint8Array([UP | UV | AT, 0, 0, 0, 0]), attested);
      const attestationObject = encodeCBOR(new Map<string, CBORType>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
      return {
        id: b64url(id),
        rawId: b64url(id),
        type: 'public-key',
        response: {
          clientDataJSON: b64url(clientData('webauthn.create', options.challenge, origin)),
          attestationObject: b64url(attestationObject),
          transports: ['internal'],
        },
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
      };
    },
    /** navigator.credentials.get(): an assertion by the newest matching credential. */
    async get(options: RequestOptionsJson, origin: string, pick?: Credential) {
      const allowed = options.allowCredentials?.map((c) => c.id);
      const credential =
        pick ?? [...credentials].reverse().find((c) => c.rpId === options.rpId && (!allowed?.length || allowed.includes(b64url(c.id))));
      if (!credential) throw new Error('soft authenticator: no credential for this rp');
      credential.signCount++;
      const count = new Uint8Array(4);
      new DataView(count.buffer).setUint32(0, credential.signCount);
      const authData = concat(await sha256(new TextEncoder().encode(credential.rpId)), new Uint8Array([UP | UV]), count);
      const data = clientData('webauthn.get', options.challenge, origin);
      const signed = concat(authData, await sha256(data));
      const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, credential.keys.privateKey, new Uint8Array(signed)));
      return {
        id: b64url(credential.id),
        rawId: b64url(credential.id),
        type: 'public-key',
        response: {
          clientDataJSON: b64url(data),
          authenticatorData: b64url(authData),
          signature: b64url(derSignature(raw)),
          userHandle: b64url(credential.userHandle),
        },
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
      };
    },
  };
}
