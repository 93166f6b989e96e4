"""The reader's start-up: what it puts off until its first screen is drawn."""

from __future__ import annotations

import gc
from collections.abc import Callable

from pilot_helpers import SEED, wait_until

from reader.ui.app import HamishApp


async def test_garbage_is_collected_again_once_the_first_screen_is_drawn(
    make_app: Callable[..., HamishApp],
) -> None:
    gc.disable()  # as `hamish` starts the reader (reader.cli.main)
    try:
        app = make_app(SEED)
        async with app.run_test() as pilot:
            assert await wait_until(pilot, gc.isenabled, 5)
    finally:
        gc.enable()
