package dev.parley.control.telephony;

/** Places and ends phone calls. Implementations are thread-safe and may block on the network. */
public interface TelephonyProvider {

  /**
   * Asks the provider to place one call. Returns the provider's call id once the provider has
   * accepted it; throws {@link TelephonyException} when it refused.
   */
  String dial(DialRequest request) throws TelephonyException;

  /** Ends a call in any state; ending one that already ended is not an error. */
  void hangUp(String providerCallId) throws TelephonyException;
}
