import type { HubCredentials } from '../hub/hub-client';
import type { HubBinding } from './hub-binding';

/** Which hub a password is wanted for. */
export interface CredentialRequest {
  hubId: string;
  /** Canonical URL of the endpoint the session will use. */
  url: string;
  /** The certificate pin the password would be sent to (null over plain HTTP). */
  pin: string | null;
  siteId: string | null;
  /** The site's default user name ('' or null when none). */
  defaultUser: string | null;
}

/** Credentials as handed out, with the hardware address recorded when they were saved (if any). */
export interface ProvidedCredentials extends HubCredentials {
  mac?: string | null;
}

/** Something is remembered but may not go to this endpoint; `refused` says why, for the user. */
export interface CredentialRefusal {
  refused: string;
}

export type CredentialAnswer = ProvidedCredentials | CredentialRefusal | null;

export function isRefusal(answer: CredentialAnswer): answer is CredentialRefusal {
  return answer !== null && 'refused' in answer;
}

/**
 * Where the session layer gets a user name and password. In the app it is backed by the OS
 * keychain (Electron safeStorage, in main); in the CLI by HUBKEEPER_PASSWORD. Returns null when
 * nothing is known for that hub, or a refusal when what is remembered is bound to another
 * certificate: the session then reports AUTH_FAILED and sends nothing.
 */
export interface CredentialProvider {
  get(request: CredentialRequest): Promise<CredentialAnswer>;
  /**
   * A login with `credentials` succeeded and the hub was recognised by `binding`: a provider
   * that remembers these very credentials binds them to it (the app's keychain does).
   */
  record?(request: CredentialRequest, binding: HubBinding, credentials: HubCredentials): Promise<void>;
}

/** One user and password for every hub (the CLI: `--user` and HUBKEEPER_PASSWORD). */
export function fixedCredentials(user: string, password: string | null | undefined): CredentialProvider {
  return {
    get: async () => (password ? { user, password } : null),
  };
}

/**
 * The CLI's provider: the password from the environment, the user from `--user`, else the
 * site's default user, else `Admin` (Magewell's built-in administrator).
 */
export function environmentCredentials(
  env: Record<string, string | undefined>,
  user: string | null,
  variable = 'HUBKEEPER_PASSWORD',
): CredentialProvider {
  return {
    get: async (request) => {
      const password = env[variable];
      if (!password) return null;
      return { user: user ?? (request.defaultUser || 'Admin'), password };
    },
  };
}
