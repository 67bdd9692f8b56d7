package io.github.connectemulator.http;

import io.github.connectemulator.config.Controls;
import io.github.connectemulator.operations.OwnerAdmission;
import io.github.connectemulator.operations.PageTokens;
import io.github.connectemulator.owner.AdjustableClock;
import io.github.connectemulator.service.EmulatorMetrics;
import io.github.connectemulator.service.Readiness;

/**
 * What every router verticle of one emulator shares.
 *
 * @param pageTokens so that any router accepts a token another issued
 * @param controls the runtime controls the admin API changes
 * @param clock the clock the admin API moves
 * @param readiness what the readiness probe reports
 * @param metrics the meters to record into and serve, or null when metrics are off
 * @param admission the bound on requests in flight per owner
 * @param internalToken the header value that marks a request from the emulator's own bus gateway
 */
public record RouterServices(
    PageTokens pageTokens,
    Controls controls,
    AdjustableClock clock,
    Readiness readiness,
    EmulatorMetrics metrics,
    OwnerAdmission admission,
    String internalToken) {

  /** The header with which the emulator's own bus gateway, inside the process, skips the SigV4 check. */
  public static final String INTERNAL_TOKEN_HEADER = "x-emulator-internal";

  /**
   * What one emulator's routers share; {@code maxInFlight}: requests in flight per owner, 0 = no limit;
   * {@code internalToken}: what the emulator's own bus gateway sends instead of a SigV4 signature.
   */
  public static RouterServices of(PageTokens pageTokens, Controls controls, AdjustableClock clock, Readiness readiness,
      EmulatorMetrics metrics, int ownerCount, int maxInFlight, String internalToken) {
    return new RouterServices(pageTokens, controls, clock, readiness, metrics,
        new OwnerAdmission(ownerCount, maxInFlight), internalToken);
  }
}
