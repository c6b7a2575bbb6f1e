/**
 * What a hub can be recognised by without credentials, recorded when a login succeeds and
 * compared before a password is sent without the user typing it.
 */
export interface HubBinding {
  /** `sha256:<hex>` of the certificate the password went to; null over plain HTTP. */
  pin: string | null;
  /**
   * The hardware (MAC) address this computer's neighbour table held for the hub's IP address,
   * lowercase `aa:bb:cc:dd:ee:ff`; null when the hub is not on the same subnet (reached through
   * a router, or loopback): then there is nothing to compare and nothing is refused.
   */
  mac: string | null;
}
