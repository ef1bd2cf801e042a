#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/test_web_browser.py), installed once.
# Never a browser build of Playwright's own: the tests drive /usr/bin/chromium.
# Without root or apt-get it only says so: the browser tests then skip with that reason.
set -u
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium-for-tests: no /usr/bin/chromium and no root apt-get: browser tests will skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq chromium; } >/dev/null 2>&1; then
  echo "chromium-for-tests: apt-get install chromium failed: browser tests will skip" >&2
fi
exit 0
