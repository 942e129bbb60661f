#!/usr/bin/env bash
# ChromeDriver, and the Chromium it starts, as the browser tests run them: under tethered.sh, so
# they end with the test JVM (TETHER_OWNER) however it ends. CHROMEDRIVER names the driver.
exec bash "$(dirname "$0")/tethered.sh" "$TETHER_OWNER" "$TETHER_CAP" "${CHROMEDRIVER:-/usr/bin/chromedriver}" "$@"
