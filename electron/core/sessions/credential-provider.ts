import type { HubCredentials } from '../hub/hub-client';

/** Which hub a password is wanted for. */
export interface CredentialRequest {
  hubId: string;
  /** Canonical URL of the endpoint the session will use. */
  url: string;
  siteId: string | null;
  /** The site's default user name ('' or null when none). */
  defaultUser: string | null;
}

/**
 * Where the session layer gets a user name and password. In the app it is backed by the OS
 * keychain (Electron safeStorage, in main); in the CLI by HUBKEEPER_PASSWORD. Returns null when
 * nothing is known for that hub: the session then reports AUTH_FAILED and asks for nothing.
 */
export interface CredentialProvider {
  get(request: CredentialRequest): Promise<HubCredentials | null>;
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
