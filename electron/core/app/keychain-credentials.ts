import type { CredentialProvider } from '../sessions/credential-provider';
import { decodeCredential, encodeCredential } from './credentials';
import type { Log } from './log';
import type { SecretStore } from './ports';

/**
 * The app's credential provider over the keychain. A remembered password is handed out only for
 * the certificate pin it was saved with (null: plain HTTP), whatever path asks: re-pinning,
 * an edited endpoint or an imported pin cannot send it to another certificate even if nothing
 * forgot it. The hardware address it was saved with travels along for the session layer to
 * compare. After a login with the same user and password, the binding follows what was seen.
 */
export function keychainCredentials(secrets: SecretStore, log: Log): CredentialProvider {
  return {
    get: async (request) => {
      const saved = await secrets.load(request.hubId);
      if (!saved.ok) return { refused: saved.error.message };
      const credential = decodeCredential(saved.value);
      if (!credential) return null;
      if (!credential.binding) {
        return {
          refused: `The password remembered for ${request.url} was saved by an older Hubkeeper, which did not record the hub it belongs to. Type it once to use it again.`,
        };
      }
      if (credential.binding.pin !== request.pin) {
        log.warn('remembered password not sent: bound to another certificate', { hub: request.hubId });
        return {
          refused:
            `The password remembered for ${request.url} was saved for ${credential.binding.pin ? `the certificate ${credential.binding.pin}` : 'plain HTTP'}, ` +
            `not ${request.pin ? `the certificate ${request.pin}` : 'plain HTTP'}; it was not sent. Type it once for this certificate.`,
        };
      }
      return { user: credential.user, password: credential.password, mac: credential.binding.mac };
    },
    record: async (request, binding, credentials) => {
      const saved = await secrets.load(request.hubId);
      const credential = saved.ok ? decodeCredential(saved.value) : null;
      // Only the very password that just logged in is re-bound; another one stays as it was.
      if (!credential || credential.user !== credentials.user || credential.password !== credentials.password) return;
      if (credential.binding?.pin === binding.pin && credential.binding.mac === binding.mac) return;
      const stored = await secrets.save(request.hubId, encodeCredential({ ...credential, binding }));
      if (!stored.ok) log.warn('could not update what a remembered password is bound to', { hub: request.hubId });
    },
  };
}
