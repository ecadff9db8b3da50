#!/usr/bin/env bash
# A patient's data-class tags, to consent by hand in polkadot.js (docs/privacy.md):
#
#   scripts/tag.sh //Dave//stash Observation     the patient's tag for Observation
#   scripts/tag.sh //Dave//stash                 every class's tag
#   scripts/tag.sh //Dave//stash --secret        the tag secret, to give a provider
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$MEDCHAIN_ROOT/scripts/setup.sh" >/dev/null
exec node "$MEDCHAIN_ROOT/tests/e2e/bin/tag.js" "$@"
