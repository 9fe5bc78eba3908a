const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, as authenticator apps read the otpauth secret (case and padding ignored). */
export function base32Decode(text: string): Uint8Array<ArrayBuffer> {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error(`authlab: "${char}" is not a base32 character`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return new Uint8Array(bytes);
}

export interface TotpOptions {
  /** GoTrue's factors: 6 digits, a 30-second period, HMAC-SHA1 (the otpauth URI's defaults). */
  digits?: number;
  period?: number;
}

/** The RFC 6238 code for a time (seconds since the epoch), from the key's raw bytes. */
export async function totpFromKey(key: Uint8Array<ArrayBuffer>, unixSeconds: number, { digits = 6, period = 30 }: TotpOptions = {}): Promise<string> {
  const counter = Math.floor(unixSeconds / period);
  const message = new ArrayBuffer(8);
  const view = new DataView(message);
  // a 64-bit big-endian counter; JavaScript numbers are exact up to 2^53, far past any real time
  view.setUint32(0, Math.floor(counter / 2 ** 32));
  view.setUint32(4, counter >>> 0);
  const hmacKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, message));
  // RFC 4226 dynamic truncation: 31 bits from the offset the last nibble names
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = (((mac[offset] ?? 0) & 0x7f) << 24) | ((mac[offset + 1] ?? 0) << 16) | ((mac[offset + 2] ?? 0) << 8) | (mac[offset + 3] ?? 0);
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The code an authenticator app shows for a base32 secret at this time. */
export async function totpCode(secret: string, unixSeconds: number, options?: TotpOptions): Promise<string> {
  return totpFromKey(base32Decode(secret), unixSeconds, options);
}
