import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AppError } from '../../../electron/shared/errors';
import type { AppInfo, CertInfo, LoginResult, SiteLoginResult } from '../../../electron/shared/contract';
import { call } from '../bridge';
import type { BridgeResult } from '../bridge';

/** What the login dialog is for: one hub, or every hub of a site with one password. */
export type LoginTarget = { kind: 'hub'; hubId: string } | { kind: 'site'; siteId: string };

/**
 * Logging in and trusting certificates. Passwords go to the backend in the login call and are
 * never kept here; all the renderer learns back is whether one was remembered.
 */
export const useSessionStore = defineStore('session', () => {
  const appInfo = shallowRef<AppInfo | null>(null);
  const loginTarget = shallowRef<LoginTarget | null>(null);
  const certHubId = ref<string | null>(null);
  const busy = ref(false);
  const lastError = shallowRef<AppError | null>(null);

  async function loadInfo(): Promise<void> {
    const result = await call('app:info', {});
    if (result.ok) appInfo.value = result.value;
  }

  function openLogin(target: LoginTarget): void {
    lastError.value = null;
    loginTarget.value = target;
  }

  function closeLogin(): void {
    loginTarget.value = null;
  }

  async function loginHub(
    hubId: string,
    user: string,
    password: string | undefined,
    remember: boolean,
  ): Promise<BridgeResult<LoginResult>> {
    busy.value = true;
    const result = await call(
      'session:login',
      password === undefined ? { hubId, user, remember } : { hubId, user, password, remember },
    );
    busy.value = false;
    lastError.value = result.ok ? null : result.error;
    return result;
  }

  async function loginSite(
    siteId: string,
    user: string,
    password: string,
    remember: boolean,
  ): Promise<BridgeResult<SiteLoginResult>> {
    busy.value = true;
    const result = await call('session:loginSite', { siteId, user, password, remember });
    busy.value = false;
    lastError.value = result.ok ? null : result.error;
    return result;
  }

  async function logout(hubId: string) {
    return call('session:logout', { hubId });
  }

  async function forgetPasswords(hubIds: string[]) {
    return call('credentials:forget', { hubIds });
  }

  function openCert(hubId: string): void {
    certHubId.value = hubId;
  }

  function closeCert(): void {
    certHubId.value = null;
  }

  async function inspectCert(hubId: string): Promise<BridgeResult<CertInfo>> {
    return call('cert:inspect', { hubId });
  }

  async function trustCert(hubId: string, fingerprint: string): Promise<BridgeResult<CertInfo>> {
    busy.value = true;
    const result = await call('cert:trust', { hubId, fingerprint });
    busy.value = false;
    return result;
  }

  return {
    appInfo,
    loginTarget,
    certHubId,
    busy,
    lastError,
    loadInfo,
    openLogin,
    closeLogin,
    loginHub,
    loginSite,
    logout,
    forgetPasswords,
    openCert,
    closeCert,
    inspectCert,
    trustCert,
  };
});
